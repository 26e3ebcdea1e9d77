/**
 * The browser terminal's WebSocket, `/ports/{n}/terminal/socket` (issue 11): refused unless the
 * request's Origin is this site (no cross-site WebSocket hijacking), the cookie names a live
 * login, and the port exists (LISTEN also needs SMON). Accepted, it becomes a `WebTerminal` handed
 * to the runtime as a login straight to port n with method `web`, so the broker, the E/N/S/D and
 * Y/N dialogues, the notices, the access character and the bounded output all work as on SSH.
 *
 * Rights are re-checked while it runs (`TerminalWatch`): once a second, a terminal whose user
 * was deleted, whose web login ended, or who lost access to the port is told and cut off.
 */
import type { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { upgradeWebSocket } from '@hono/node-server';
import type { WebSocket } from 'ws';
import { WebTerminal } from '../../transports/web/web-terminal.js';
import { CLOSE_REFUSED } from '../terminal-protocol.js';
import { SESSION_COOKIE } from './cookie-sessions.js';
import { webClient, type ConsoleState, type PageContext, type PagesEnv } from './console-context.js';
import { terminalMode } from './ports-routes.js';

const RECHECK_MS = 1_000;

/** The Origin header names this very site (scheme and host as the browser reached us). */
export function sameOrigin(c: PageContext, tls: boolean): boolean {
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  if (origin === undefined || host === undefined) return false;
  return origin === `${tls ? 'https' : 'http'}://${host}`;
}

interface Watched {
  readonly terminal: WebTerminal;
  readonly user: string;
  readonly port: number;
  readonly token: string;
}

export class TerminalWatch {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly state: ConsoleState) {}

  add(entry: Watched): void {
    this.watched.add(entry);
    entry.terminal.on('close', () => this.watched.delete(entry));
    if (this.timer === null) {
      this.timer = setInterval(() => this.recheck(), RECHECK_MS);
      this.timer.unref();
    }
  }

  get size(): number {
    return this.watched.size;
  }

  /** Cuts off every terminal whose user may no longer have it (issue 11: rights re-checked). */
  recheck(): void {
    const { services } = this.state.deps;
    for (const entry of this.watched) {
      if (entry.terminal.closed) {
        this.watched.delete(entry);
        continue;
      }
      const loginGone = this.state.logins.get(entry.token) === null || !this.state.userExists(entry.user);
      const refusal = loginGone ? null : services.portRefusal(entry.user, entry.port);
      if (!loginGone && refusal?.kind !== 'insufficientPrivileges') continue;
      const notice = { kind: 'insufficientPrivileges', port: entry.port } as const;
      entry.terminal.write(`\r\n${services.renderNotice(notice)}\r\n`);
      entry.terminal.onNotice(notice);
      entry.terminal.close();
      this.watched.delete(entry);
    }
    if (this.watched.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

export function terminalSocketRoute(app: Hono<PagesEnv>, state: ConsoleState, watch: TerminalWatch): void {
  app.get('/ports/:n{[0-9]+}/terminal/socket', async (c, next) => {
    if (!sameOrigin(c, state.deps.tls)) return c.text('Forbidden: cross-origin WebSocket', 403);
    const login = state.loginOf(c);
    if (login === null) return c.text('Unauthorized', 401);
    const port = Number(c.req.param('n'));
    if (port < 1 || port > state.deps.services.profile.ports) return c.text('No such port', 404);
    if (terminalMode(c.req.query('mode')) === 'listen' && !state.mayListen(login.user)) return c.text('Insufficient Privileges', 403);
    return next();
  }, upgradeWebSocket((c) => {
    const login = state.loginOf(c);
    const port = Number(c.req.param('n'));
    const listen = terminalMode(c.req.query('mode')) === 'listen';
    const exclusive = !listen && c.req.query('exclusive') === '1';
    const client = webClient(c, `web-port-${port}`);
    const token = getCookie(c, SESSION_COOKIE) ?? '';
    return {
      onOpen(_event, ws) {
        const raw = ws.raw as unknown as WebSocket;
        if (login === null) {
          raw.close(CLOSE_REFUSED, 'Unauthorized');
          return;
        }
        const terminal = new WebTerminal(client, raw, null);
        watch.add({ terminal, user: login.user, port, token });
        state.deps.logger.info({ user: login.user, port, ip: client.address, listen }, 'browser terminal opened');
        state.deps.startLogin(terminal, { user: login.user, target: { port, exclusive, listen } });
      },
    };
  }));
}
