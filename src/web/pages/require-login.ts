/** The check in front of every page (issue 11): a live login, else to `/login` and back. */
import type { WebLogin } from './cookie-sessions.js';
import type { ConsoleState, PageContext } from './console-context.js';

export function requireLogin(c: PageContext, state: ConsoleState): WebLogin | Response {
  const login = state.loginOf(c);
  if (login !== null) return login;
  const next = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search))}` : '';
  return c.redirect(`/login${next}`, 303);
}
