/**
 * The web console's pages, assembled (issue 11, SPEC §10): security headers on every page, then
 * assets, login, sessions, session information, ports and the browser terminal's socket.
 */
import type { Hono } from 'hono';
import { ConsoleState, type PagesDeps, type PagesEnv } from './console-context.js';
import { assetsRoutes } from './assets-routes.js';
import { CONTENT_SECURITY_POLICY } from './layout.js';
import { loginRoutes } from './login-routes.js';
import { portsRoutes } from './ports-routes.js';
import { sessionRoutes } from './session-routes.js';
import { sessionsRoutes } from './sessions-routes.js';
import { TerminalWatch, terminalSocketRoute } from './terminal-socket.js';

export interface WebConsole {
  readonly state: ConsoleState;
  readonly terminals: TerminalWatch;
  stop(): void;
}

export function registerConsole(app: Hono<PagesEnv>, deps: PagesDeps): WebConsole {
  const state = new ConsoleState(deps);
  const terminals = new TerminalWatch(state);
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!c.req.path.startsWith('/assets/')) c.header('Cache-Control', 'no-store');
  });
  assetsRoutes(app);
  loginRoutes(app, state);
  sessionsRoutes(app, state);
  sessionRoutes(app, state);
  terminalSocketRoute(app, state, terminals);
  portsRoutes(app, state);
  return { state, terminals, stop: () => terminals.stop() };
}
