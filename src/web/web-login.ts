/**
 * The one credential check for logins over HTTP (SPEC §10: the JSON API's Basic and token logins,
 * the web pages' login form). It goes through the same `Authenticator` as SSH and Telnet, so the
 * same users, scrypt hashing off the event loop, and lockout (SPEC §9: every failure counts) apply;
 * and through an admission gate of its own (`ConcurrentCheckGate`) so a storm of HTTP logins is
 * turned away before hashing instead of starving SSH/Telnet logins of the hashing thread.
 */
import type { Logger } from '../logger.js';
import type { AuthOutcome, Authenticator, LoginGate } from '../transports/auth.js';
import type { ClientInfo } from '../transports/terminal.js';

/** `busy`: too many HTTP logins are being checked right now; nothing was hashed or counted. */
export type WebLoginOutcome = AuthOutcome | { readonly ok: false; readonly reason: 'busy' };

/**
 * `authenticateWebLogin(user, password, client)`: never rejects. `client.method` is `web` for the
 * pages and `api` for the JSON API (ccmd_logins_total{method} and the log say which).
 */
export type WebLoginCheck = (user: string, password: string, client: ClientInfo) => Promise<WebLoginOutcome>;

export interface WebLoginOptions {
  readonly authenticator: Authenticator;
  readonly gate: LoginGate;
  readonly logger: Logger;
  /** Told every outcome (metrics: ccmd_logins_total{method,result}). */
  readonly onOutcome?: (method: ClientInfo['method'], outcome: WebLoginOutcome) => void;
}

/** SPEC §3: names and passwords are 3-16 characters; far longer input is refused before hashing. */
const MAX_CREDENTIAL_CHARS = 256;

export function webLoginCheck(options: WebLoginOptions): WebLoginCheck {
  const { authenticator, gate, logger } = options;
  return async (user, password, client) => {
    const outcome = await check(user, password, client);
    options.onOutcome?.(client.method, outcome);
    if (!outcome.ok) logger.info({ name: user.slice(0, 64), reason: outcome.reason, ip: client.address, method: client.method }, 'web login refused');
    return outcome;
  };

  async function check(user: string, password: string, client: ClientInfo): Promise<WebLoginOutcome> {
    const reservation = gate.tryReserve({ port: null, exclusive: false });
    if (reservation === null) return { ok: false, reason: 'busy' };
    try {
      // Still hashed (same cost as any wrong password), so length does not tell anything apart.
      const tooLong = user.length > MAX_CREDENTIAL_CHARS || password.length > MAX_CREDENTIAL_CHARS;
      return await authenticator.checkPassword(tooLong ? '' : user, tooLong ? '' : password, client);
    } finally {
      reservation.release();
    }
  }
}
