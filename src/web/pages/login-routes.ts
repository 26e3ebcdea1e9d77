/**
 * `/login` and `/logout` (issue 11, SPEC §10). The form's CSRF token is a double-submit cookie
 * (there is no login yet to hold one). Credentials go through the shared HTTP check, so failures
 * count toward the lockout exactly as on SSH and Telnet. The answer never says whether the name
 * exists or is locked.
 */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE, randomToken, sameToken } from './cookie-sessions.js';
import { webClient, type ConsoleState, type PageContext, type PagesEnv } from './console-context.js';
import { messageBox, page, type Markup } from './layout.js';

/** Only a local path is followed after login (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/sessions';
}

function cookieOptions(state: ConsoleState) {
  return { httpOnly: true, sameSite: 'Strict', secure: state.deps.tls, path: '/' } as const;
}

function loginPage(c: PageContext, state: ConsoleState, status: 200 | 401 | 403 | 503, error: string | null, next: string) {
  const token = randomToken();
  setCookie(c, LOGIN_CSRF_COOKIE, token, { ...cookieOptions(state), maxAge: 3600 });
  const body: Markup = html`${error === null ? '' : messageBox('error', error)}
<form class="login-form" method="post" action="/login">
<input type="hidden" name="csrf" value="${token}">
<input type="hidden" name="next" value="${next}">
<label for="user">User name</label>
<input id="user" name="user" autocomplete="username" required maxlength="64" autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
<button class="primary" type="submit">Log in</button>
</form>`;
  return c.html(page({ title: 'Log in', login: null }, body), status);
}

export function loginRoutes(app: Hono<PagesEnv>, state: ConsoleState): void {
  app.get('/', (c) => c.redirect(state.loginOf(c) === null ? '/login' : '/sessions', 303));

  app.get('/login', (c) => {
    if (state.loginOf(c) !== null) return c.redirect(safeNext(c.req.query('next')), 303);
    return loginPage(c, state, 200, null, safeNext(c.req.query('next')));
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    if (!sameToken(typeof form.csrf === 'string' ? form.csrf : null, getCookie(c, LOGIN_CSRF_COOKIE) ?? null)) {
      return loginPage(c, state, 403, 'The form expired or did not come from this site. Please log in again.', next);
    }
    const user = typeof form.user === 'string' ? form.user.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const outcome = await state.deps.authenticateWebLogin(user, password, webClient(c));
    if (!outcome.ok) {
      if (outcome.reason === 'busy') return loginPage(c, state, 503, 'Too many logins at once; try again in a moment.', next);
      return loginPage(c, state, 401, 'Login incorrect', next);
    }
    const login = state.logins.create(outcome.user);
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/' });
    setCookie(c, SESSION_COOKIE, login.token, cookieOptions(state));
    state.deps.logger.info({ user: outcome.user, ip: webClient(c).address }, 'web console login');
    return c.redirect(next, 303);
  });

  app.post('/logout', async (c) => {
    const login = state.loginOf(c);
    const form = await c.req.parseBody();
    if (login !== null && state.csrfOk(login, form)) {
      state.logins.end(login.token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    }
    return c.redirect('/login', 303);
  });
}
