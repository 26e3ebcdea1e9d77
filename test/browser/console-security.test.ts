/**
 * Issue 11 security, against the real daemon over HTTP and WebSocket (no browser needed): cookie
 * flags, CSP, CSRF on every form, the WebSocket Origin check, login failures toward the lockout,
 * and rights re-checked on an open browser terminal (a user who loses the port is cut off).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { ADMIN_PASSWORD } from '../support/daemon.js';
import { startWebDaemon, type WebDaemon } from './browser-fixture.js';

let web: WebDaemon;

beforeAll(async () => {
  web = await startWebDaemon([{ name: 'usr1', password: 'usr1-secret' }], { server: { lockoutHours: 1 } }, { profile: 'ccm850' });
});

afterAll(async () => {
  await web?.daemon.stop();
});

/** The cookies a response sets, as `name=value` pairs. */
function cookies(response: Response): string[] {
  return response.headers.getSetCookie();
}

function cookiePair(header: string): string {
  return header.split(';')[0]!;
}

interface Login {
  cookie: string;
  csrf: string;
}

async function logIn(user: string, password: string): Promise<Login> {
  const form = await fetch(`${web.base}/login`);
  const loginCsrf = cookies(form).find((c) => c.startsWith('ccmd_login_csrf='))!;
  const token = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const response = await fetch(`${web.base}/login`, {
    method: 'POST', redirect: 'manual', headers: { cookie: cookiePair(loginCsrf) },
    body: new URLSearchParams({ user, password, csrf: token, next: '/sessions' }),
  });
  expect(response.status).toBe(303);
  const session = cookies(response).find((c) => c.startsWith('ccmd_session='))!;
  const page = await fetch(`${web.base}/sessions`, { headers: { cookie: cookiePair(session) } });
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  return { cookie: cookiePair(session), csrf };
}

function terminalSocket(login: Login, origin: string, port = 2): WebSocket {
  return new WebSocket(`${web.base.replace('http', 'ws')}/ports/${port}/terminal/socket?mode=rw`, { headers: { cookie: login.cookie, origin } });
}

describe('web console security', { timeout: 60_000 }, () => {
  it('sets the login cookie HttpOnly and SameSite=Strict, and a strict CSP on every page', async () => {
    const form = await fetch(`${web.base}/login`);
    const csp = form.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const login = await logIn('Admin', ADMIN_PASSWORD);
    expect(login.cookie).toMatch(/^ccmd_session=[A-Za-z0-9_-]{43}$/);
    const form2 = await fetch(`${web.base}/login`);
    const token = /name="csrf" value="([^"]+)"/.exec(await form2.text())![1]!;
    const response = await fetch(`${web.base}/login`, {
      method: 'POST', redirect: 'manual', headers: { cookie: cookiePair(cookies(form2)[0]!) },
      body: new URLSearchParams({ user: 'Admin', password: ADMIN_PASSWORD, csrf: token }),
    });
    const set = cookies(response).find((c) => c.startsWith('ccmd_session='))!;
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/');
  });

  it('refuses a form post without the CSRF token (login, End Session, log out)', async () => {
    const noToken = await fetch(`${web.base}/login`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams({ user: 'Admin', password: ADMIN_PASSWORD }),
    });
    expect(noToken.status).toBe(403);
    expect(cookies(noToken).some((c) => c.startsWith('ccmd_session='))).toBe(false);

    const login = await logIn('Admin', ADMIN_PASSWORD);
    const end = await fetch(`${web.base}/sessions/S1/end`, { method: 'POST', redirect: 'manual', headers: { cookie: login.cookie }, body: new URLSearchParams({}) });
    expect(end.status).toBe(403);
    expect(await end.text()).toContain('form token is missing or wrong');
    const wrong = await fetch(`${web.base}/sessions/S1/end`, {
      method: 'POST', redirect: 'manual', headers: { cookie: login.cookie }, body: new URLSearchParams({ csrf: `${login.csrf}x` }),
    });
    expect(wrong.status).toBe(403);
    // A log-out without the token leaves the login in place.
    await fetch(`${web.base}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: login.cookie }, body: new URLSearchParams({}) });
    expect((await fetch(`${web.base}/sessions`, { redirect: 'manual', headers: { cookie: login.cookie } })).status).toBe(200);
  });

  it('refuses a WebSocket from another Origin, and one without a login', async () => {
    const login = await logIn('Admin', ADMIN_PASSWORD);
    const statusOf = (ws: WebSocket) => new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => undefined);
    });
    expect(await statusOf(terminalSocket(login, 'http://evil.example'))).toBe(403);
    expect(await statusOf(terminalSocket({ cookie: 'ccmd_session=forged', csrf: '' }, web.base))).toBe(401);
    const ok = terminalSocket(login, web.base);
    expect(await statusOf(ok)).toBe(101);
    ok.close();
  });

  it('cuts off an open browser terminal when its user loses access to the port', async () => {
    const login = await logIn('usr1', 'usr1-secret');
    const ws = terminalSocket(login, web.base, 3);
    const statuses: string[] = [];
    let closed: number | null = null;
    ws.on('message', (data, isBinary) => { if (!isBinary) statuses.push(JSON.parse(data.toString()).status); });
    ws.on('close', (code) => { closed = code; });
    await vi.waitFor(() => expect(statuses).toContain('Connection Complete'), { timeout: 5000 });
    const changed = await web.daemon.exec('USER SET usr1 ACCESS=P1-2,SMON');
    expect(changed.status).toBe(0);
    await vi.waitFor(() => expect(closed).toBe(4000), { timeout: 5000 });
    expect(statuses.at(-1)).toBe('Insufficient Privileges');
  });

  it('counts web login failures toward the lockout, like SSH and Telnet', async () => {
    const attempt = async (password: string) => {
      const form = await fetch(`${web.base}/login`);
      const token = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      return fetch(`${web.base}/login`, {
        method: 'POST', redirect: 'manual', headers: { cookie: cookiePair(cookies(form)[0]!) },
        body: new URLSearchParams({ user: 'usr1', password, csrf: token }),
      });
    };
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).status).toBe(401);
    expect((await attempt('usr1-secret')).status).toBe(401);
    const shown = await web.daemon.exec('SHOW USER usr1');
    expect(shown.output).toMatch(/lock/i);
  });
});
