/**
 * What every page handler needs (issue 11): the daemon's parts, the cookie logins, and the
 * checks each request repeats — the cookie names a live login, its user still exists (a deleted
 * or logged-out user is cut off at the next request), and every form carries the login's CSRF token.
 */
import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { getCookie } from 'hono/cookie';
import { isAdministrator } from '../../domain/levels.js';
import { hasRight } from '../../domain/rights.js';
import type { Logger } from '../../logger.js';
import type { Clock } from '../../runtime/clock.js';
import type { DaemonServices } from '../../runtime/daemon-services.js';
import type { LoginHandler } from '../../transports/auth.js';
import type { ClientInfo } from '../../transports/terminal.js';
import { CookieSessions, SESSION_COOKIE, sameToken, type WebLogin } from './cookie-sessions.js';
import { SessionQueries } from './session-queries.js';

export type LoginOutcome =
  | { readonly ok: true; readonly user: string }
  | { readonly ok: false; readonly reason: string };

/** The parts of the daemon the pages use (a subset of the web side's `WebDeps`). */
export interface PagesDeps {
  readonly services: DaemonServices;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The shared HTTP credential check: lockout, audit, admission gate (issue 10). */
  readonly authenticateWebLogin: (user: string, password: string, client: ClientInfo) => Promise<LoginOutcome>;
  /** Hands a browser terminal to the runtime as a login, like SSH and Telnet. */
  readonly startLogin: LoginHandler;
  readonly tls: boolean;
}

export interface PagesEnv {
  Bindings: HttpBindings;
}

export type PageContext = Context<PagesEnv>;

export class ConsoleState {
  readonly logins: CookieSessions;
  readonly queries: SessionQueries;

  constructor(readonly deps: PagesDeps) {
    this.logins = new CookieSessions(() => deps.clock.now());
    this.queries = new SessionQueries(deps.services.services);
  }

  /** The request's login, if its cookie names a live one whose user still exists. */
  loginOf(c: PageContext): WebLogin | null {
    const token = getCookie(c, SESSION_COOKIE);
    const login = this.logins.get(token);
    if (login === null) return null;
    if (!this.userExists(login.user)) {
      this.logins.endUser(login.user);
      return null;
    }
    return login;
  }

  /**
   * The user is still known: a local user, or one known from a remote login (issue 15: a RADIUS,
   * LDAP or TACACS+ user has no local record, and must not be logged out for it). USER DELETE
   * forgets either, which ends their page logins at the next request.
   */
  userExists(user: string): boolean {
    const services = this.deps.services.services;
    return services.users.get(services.actor(user, { method: 'web', address: '' }), user).ok;
  }

  /** The form's `csrf` field matches the login's token. */
  csrfOk(login: WebLogin, form: Record<string, unknown>): boolean {
    const field = form.csrf;
    return typeof field === 'string' && sameToken(field, login.csrf);
  }

  /** Owner of the session or an administrator (SPEC §5, the seed's End Session / Session Access). */
  mayManage(user: string, initiator: string): boolean {
    return user === initiator || isAdministrator(this.deps.services.levelOf(user));
  }

  /** LISTEN needs SMON (SPEC §6). */
  mayListen(user: string): boolean {
    return hasRight(this.deps.services.accessOf(user), 'SMON');
  }
}

/** Where the request came from, as a login's `ClientInfo` (method `web`, SPEC §5). */
export function webClient(c: PageContext, listener = 'web'): ClientInfo {
  const socket = c.env.incoming.socket;
  const address = socket.remoteAddress ?? '';
  return { method: 'web', address, remotePort: socket.remotePort ?? 0, localPort: socket.localPort ?? 0, host: address, listener };
}
