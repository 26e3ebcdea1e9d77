/**
 * An API endpoint as a declaration (STYLE: commands are declarations): method, path, the zod
 * schemas of its body and answer, and `run`. One table of these gives the hono routes, the 405
 * answers and the OpenAPI document, so the three cannot disagree.
 */
import type { z } from 'zod';
import type { CliError } from '../../domain/errors.js';
import type { ClientInfo } from '../../transports/terminal.js';
import type { WebDeps } from '../deps.js';
import type { ApiIdentity } from './api-auth.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What `run` answers: data with a status, or a catalogue error (status from http-errors.ts). */
export type ApiAnswer =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly error: CliError; readonly field?: string;
      /** 409 instead of the catalogue's status: the request clashes with what exists (a taken name). */
      readonly conflict?: boolean };

export interface ApiCall<Body> {
  readonly deps: WebDeps;
  /** Absent only on routes declared `public`. */
  readonly identity: ApiIdentity;
  readonly client: ClientInfo;
  /** Path parameters, e.g. `{ n: '3' }` for `/ports/{n}`. */
  readonly params: Readonly<Record<string, string>>;
  readonly body: Body;
  /** A request header (lower-case name). */
  header(name: string): string | undefined;
  /** A query-string parameter. */
  query(name: string): string | undefined;
}

export interface ApiRoute<B extends z.ZodType = z.ZodType> {
  readonly method: HttpMethod;
  /** OpenAPI style, under /api/v1: `/ports/{n}`. */
  readonly path: string;
  readonly summary: string;
  /** Strict schema of the JSON body; absent: the route takes none. */
  readonly body?: B;
  /** Schema of a success answer (documentation; the route's own types hold it to it). */
  readonly answer: z.ZodType;
  /** Success is 201 Created (a new user, a new token). */
  readonly created?: boolean;
  /** No credentials needed (POST /login checks its own). */
  readonly public?: boolean;
  run(call: ApiCall<z.infer<B>>): ApiAnswer | Promise<ApiAnswer>;
}

/** Declares a route, keeping the body's inferred type for `run`. */
export function route<B extends z.ZodType>(r: ApiRoute<B>): ApiRoute {
  return r as unknown as ApiRoute;
}

export function ok(body: unknown): ApiAnswer {
  return { ok: true, body };
}
