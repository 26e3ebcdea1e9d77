/**
 * The web console's logins (issue 11, SPEC §10): an opaque random token in an HttpOnly,
 * SameSite=Strict cookie (Secure under TLS) names a server-side record holding the user and the
 * CSRF token every form must carry. Records expire after `idleMs` without a request and after
 * `maxMs` in all; they are kept in memory, so a restart logs everyone out (decided).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'ccmd_session';
/** Before login there is no session: the login form's CSRF token is a double-submit cookie. */
export const LOGIN_CSRF_COOKIE = 'ccmd_login_csrf';

export interface WebLogin {
  readonly token: string;
  readonly user: string;
  readonly csrf: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of two tokens (STYLE: constant-time compares). */
export function sameToken(a: string | undefined | null, b: string | undefined | null): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length === 0) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class CookieSessions {
  private readonly logins = new Map<string, WebLogin>();

  constructor(
    private readonly now: () => number,
    private readonly idleMs = 30 * 60_000,
    private readonly maxMs = 12 * 3600_000,
  ) {}

  create(user: string): WebLogin {
    this.sweep();
    const at = this.now();
    const login: WebLogin = { token: randomToken(), user, csrf: randomToken(), createdAt: at, lastSeenAt: at };
    this.logins.set(login.token, login);
    return login;
  }

  /** The live login named by a cookie value (and marks it seen), or null. */
  get(token: string | undefined): WebLogin | null {
    if (token === undefined) return null;
    const login = this.logins.get(token);
    if (login === undefined) return null;
    const at = this.now();
    if (at - login.lastSeenAt > this.idleMs || at - login.createdAt > this.maxMs) {
      this.logins.delete(token);
      return null;
    }
    login.lastSeenAt = at;
    return login;
  }

  end(token: string | undefined): void {
    if (token !== undefined) this.logins.delete(token);
  }

  /** USER LOGOUT / DELETE: every web login of that user ends. */
  endUser(user: string): void {
    for (const [token, login] of this.logins) if (login.user === user) this.logins.delete(token);
  }

  get size(): number {
    return this.logins.size;
  }

  private sweep(): void {
    const at = this.now();
    for (const [token, login] of this.logins) {
      if (at - login.lastSeenAt > this.idleMs || at - login.createdAt > this.maxMs) this.logins.delete(token);
    }
  }
}
