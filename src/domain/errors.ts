/**
 * The one catalogue of appliance errors (SPEC §9: "Numbers come from one catalogue in the code").
 * Every `ERR nn - text` line anywhere (CLI, `ccmd exec`, control socket) and every refusal a
 * service returns (src/services, which the web API maps to HTTP statuses) comes from here.
 * Numbers are an interface: scripts match them. Never renumber or reuse an entry; append new ones
 * in your helper's range (see the project notes): services 21-29, api 30-39, fidelity 40-49,
 * auth 50-59, web 60-69, tests/perf 70-79.
 */
export const CLI_ERRORS = {
  unknownCommand: { code: 1, text: 'Unknown command' },
  missingParameter: { code: 2, text: 'Missing parameter' },
  invalidValue: { code: 3, text: 'Invalid value' },
  insufficientPrivileges: { code: 4, text: 'Insufficient privileges' },
  unknownParameter: { code: 5, text: 'Unknown parameter' },
  portOutOfRange: { code: 6, text: 'Port out of range' },
  noSuchUser: { code: 7, text: 'No such user' },
  noSuchSession: { code: 8, text: 'No such session' },
  ambiguousKeyword: { code: 9, text: 'Ambiguous keyword' },
  tooManyParameters: { code: 10, text: 'Too many parameters' },
  duplicateParameter: { code: 11, text: 'Parameter given twice' },
  noSuchPort: { code: 12, text: 'No such port' },
  notConnected: { code: 13, text: 'Not connected to a port' },
  unterminatedQuote: { code: 14, text: 'Missing closing quote' },
  notInteractive: { code: 15, text: 'Not available on this connection' },
  deviceFailure: { code: 16, text: 'Device error' },
  userChangeRefused: { code: 17, text: 'User change refused' },
  notPermitted: { code: 18, text: 'Not permitted' },
  storeFailure: { code: 19, text: 'Could not save the change' },
  sessionHasEnded: { code: 20, text: 'Session has ended' },
  /** A command failed on a bug or an unexpected fault; the daemon logged it and kept running. */
  internalError: { code: 21, text: 'Internal error' },
  /** The control socket could not read the request (not one JSON line, or too long). */
  badControlRequest: { code: 22, text: 'Bad control request' },
  // 30-39: the JSON API (SPEC §10), each answered with its HTTP status (web/api/http-errors.ts).
  /** 401: no credentials, wrong ones, an expired or revoked token, or a locked account (not told apart). */
  loginRequired: { code: 30, text: 'Login required' },
  /** 429: too many HTTP logins being checked right now (the admission gate). */
  tooManyLogins: { code: 31, text: 'Too many logins; try again later' },
  /** 400: the body is not JSON. */
  malformedRequest: { code: 32, text: 'Malformed request' },
  /** 413: the body is over the API's limit. */
  requestTooLarge: { code: 33, text: 'Request too large' },
  /** 404: no API resource at this path. */
  unknownResource: { code: 34, text: 'Unknown resource' },
  /** 405: the resource exists, the method does not. */
  methodNotAllowed: { code: 35, text: 'Method not allowed' },
  /** PORT n SET SOCKET=: another listener has that TCP port, or the system would not bind it (issue 12). */
  socketInUse: { code: 40, text: 'Socket in use' },
  // Issue 12, SPC power control (SPC n STATUS|ON|OFF|CYCLE): 41-44.
  /** SPC on a port whose TD= is not SPC. */
  notPowerStrip: { code: 41, text: 'Not a power strip port' },
  /** The strip did not finish its answer in time (SPC_REPLY_MS). */
  powerStripSilent: { code: 42, text: 'Power strip not answering' },
  /** The strip has no such outlet. */
  noSuchOutlet: { code: 43, text: 'No such outlet' },
  /** The strip answered ERR for another reason (its text follows). */
  powerStripRefused: { code: 44, text: 'Power strip refused the request' },
  // Issue 12 item 11 (the server commands): 45-49.
  /**
   * SERVER SET of what belongs to the host system, not to ccmd: its clock, its network address.
   * ccmd runs without root and leaves them to the host (NTP, timedatectl, the network config).
   */
  hostManaged: { code: 45, text: 'Managed by the host system' },
  /** A manual command for hardware this daemon does not have (flash memory, an NFS client, a modem). */
  noHardware: { code: 46, text: 'Not available without the appliance hardware' },
  /** SERVER REBOOT where the daemon cannot restart itself, or while a reboot is under way. */
  rebootUnavailable: { code: 47, text: 'Reboot not available' },
  // Issue 15, central authentication: 50-59.
  /** SERVER SECURITY AUTH= names a method with no server, or a secret is set for no server. */
  authServerMissing: { code: 50, text: 'No authentication server configured' },
  /** A new RADIUS or TACACS+ server needs its shared secret. */
  secretMissing: { code: 51, text: 'Shared secret required' },
  /** The primary server of a method that AUTH= lists cannot be removed. */
  authMethodInUse: { code: 52, text: 'Authentication method in use' },
} as const satisfies Record<string, { readonly code: number; readonly text: string }>;

export type CliErrorName = keyof typeof CLI_ERRORS;

/** An error to show: a catalogue entry, optionally with a detail after a colon. */
export interface CliError {
  readonly code: number;
  readonly text: string;
  readonly detail?: string;
}

/** `cliError('invalidValue', 'BAUD must be 50-4000000')`. */
export function cliError(name: CliErrorName, detail?: string): CliError {
  const entry = CLI_ERRORS[name];
  return detail === undefined || detail === '' ? entry : { ...entry, detail };
}

/** `ERR 03 - Invalid value` or `ERR 03 - Invalid value: <detail>`. */
export function errorLine(error: CliError): string {
  const code = String(error.code).padStart(2, '0');
  return `ERR ${code} - ${error.text}${error.detail === undefined ? '' : `: ${error.detail}`}`;
}
