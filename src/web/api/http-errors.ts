/**
 * SPEC §10 API errors: `{"error": {"code": "ERR nn", "message": ...}}` with an entry of the one
 * catalogue, and the HTTP status that entry means. `field` names the input to blame when one is.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CLI_ERRORS, cliError, type CliError, type CliErrorName } from '../../domain/errors.js';

export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string };
}

/** Catalogue number → HTTP status; anything not listed is a 422 (the request was understood but refused). */
const STATUS_BY_CODE: ReadonlyMap<number, ContentfulStatusCode> = new Map<number, ContentfulStatusCode>([
  [CLI_ERRORS.unknownCommand.code, 404],
  [CLI_ERRORS.noSuchUser.code, 404],
  [CLI_ERRORS.noSuchSession.code, 404],
  [CLI_ERRORS.noSuchPort.code, 404],
  [CLI_ERRORS.portOutOfRange.code, 404],
  [CLI_ERRORS.insufficientPrivileges.code, 403],
  [CLI_ERRORS.notPermitted.code, 403],
  [CLI_ERRORS.sessionHasEnded.code, 409],
  [CLI_ERRORS.deviceFailure.code, 502],
  [CLI_ERRORS.storeFailure.code, 500],
  [CLI_ERRORS.loginRequired.code, 401],
  [CLI_ERRORS.tooManyLogins.code, 429],
  [CLI_ERRORS.malformedRequest.code, 400],
  [CLI_ERRORS.requestTooLarge.code, 413],
  [CLI_ERRORS.unknownResource.code, 404],
  [CLI_ERRORS.methodNotAllowed.code, 405],
]);

export function statusOf(error: CliError): ContentfulStatusCode {
  return STATUS_BY_CODE.get(error.code) ?? 422;
}

export function errorBody(error: CliError, field?: string): ApiErrorBody {
  const code = `ERR ${String(error.code).padStart(2, '0')}`;
  const message = error.detail === undefined ? error.text : `${error.text}: ${error.detail}`;
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** Answers with the error's body and status (and any headers, e.g. WWW-Authenticate, Allow). */
export function sendError(c: Context, error: CliError, options: { field?: string; headers?: Record<string, string>; status?: ContentfulStatusCode } = {}): Response {
  return c.json(errorBody(error, options.field), options.status ?? statusOf(error), options.headers);
}

export function apiError(name: CliErrorName, detail?: string): CliError {
  return cliError(name, detail);
}
