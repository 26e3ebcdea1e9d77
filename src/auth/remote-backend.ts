/**
 * Issue 15: what the authenticator needs from a central authentication server, whatever its
 * protocol. A backend answers exactly one of three ways, and the difference matters: a server
 * that said no ends the login (no fallback), one that did not answer lets the next method in
 * `SERVER SECURITY AUTH=` try (SPEC issue 15: `,LOCAL` is for servers that do not answer).
 */
import type { RemoteMethod } from '../store/auth-settings-repository.js';

export type RemoteAnswer =
  /** `grants`: access texts the server granted (grant.ts); empty when it granted none. */
  | { readonly kind: 'accept'; readonly server: string; readonly grants: readonly string[] }
  | { readonly kind: 'reject'; readonly server: string; readonly detail?: string }
  /** No server answered (down, time-out, or only answers that failed verification). */
  | { readonly kind: 'unreachable'; readonly problems: readonly string[] };

/**
 * Contract: `check` never rejects and never throws; it settles within the backend's time-outs
 * and retries (servers × (retries + 1) × time-out at most). It never logs the password.
 */
export interface RemoteBackend {
  readonly method: RemoteMethod;
  check(user: string, password: string): Promise<RemoteAnswer>;
}

/** A server as `host:port` for logs and answers (never with its secret). */
export function serverName(server: { readonly host: string; readonly port: number }): string {
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}
