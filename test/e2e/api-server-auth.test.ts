/**
 * Issue 15 over the JSON API on a real daemon: `GET/PATCH /api/v1/server/auth` is the twin of
 * `SHOW SERVER RADIUS|LDAP|TACACS` and `SERVER SECURITY AUTH=` / `SERVER RADIUS|LDAP|TACACS`.
 * Secrets go in and never come out (answers, SHOW, the daemon's log); SCON is needed to change;
 * the ERR 50/51/52 rules hold; and what the API configured works: a user known only to Debian's
 * FreeRADIUS then logs in to the API and to the web console (and stays logged in there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { startFreeRadius, type FreeRadius } from '../support/freeradius.js';
import { apiClient, errorLogLines, type ApiReply } from './api-fixture.js';

let daemon: DaemonProcess;
let radius: FreeRadius;
let call: ReturnType<typeof apiClient>;
const PLAIN = ['plain', 'plain-pw1'] as const;
const SECRET = 'api-radius-s3cret';
const BIND_PASSWORD = 'api-bind-pw-77';

beforeAll(async () => {
  [daemon, radius] = await Promise.all([
    startDaemon({ web: true }),
    startFreeRadius([{ name: 'radweb', password: 'rad-web-pass1', filterIds: ['ccmd:P1-4,SMON'] }], SECRET),
  ]);
  call = apiClient(daemon);
  expect((await daemon.exec('USER ADD plain PASSWORD=plain-pw1 ACCESS=P1-4')).status).toBe(0);
});
afterAll(async () => {
  await Promise.all([daemon?.stop(), radius?.stop()]);
});

function expectError(reply: ApiReply, status: number, code: string, field?: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.body.error.code, reply.text).toBe(code);
  if (field !== undefined) expect(reply.body.error.field).toBe(field);
}

describe('GET/PATCH /api/v1/server/auth', () => {
  it('shows the defaults to anyone logged in; changing needs SCON; bad edits change nothing', async () => {
    const shown = await call('GET', '/api/v1/server/auth', { auth: PLAIN });
    expect(shown.status).toBe(200);
    expect(shown.body.methods).toEqual(['LOCAL']);
    expect(shown.body.radius).toMatchObject({ primary: null, secondary: null, timeoutSeconds: 3, retries: 1, defaultAccess: null });
    expectError(await call('GET', '/api/v1/server/auth', { auth: null }), 401, 'ERR 30');
    expectError(await call('PATCH', '/api/v1/server/auth', { auth: PLAIN, body: { methods: ['LOCAL'] } }), 403, 'ERR 04');
    expectError(await call('PATCH', '/api/v1/server/auth', { body: { methods: ['RADIUS', 'LOCAL'] } }), 422, 'ERR 50', 'methods');
    expectError(await call('PATCH', '/api/v1/server/auth', { body: { radius: { primary: { host: '127.0.0.1', port: 1812 } } } }), 422, 'ERR 51');
    expectError(await call('PATCH', '/api/v1/server/auth', { body: { radius: { primary: { host: '127.0.0.1', port: 70000, secret: 'x' } } } }), 422, 'ERR 03');
    expectError(await call('PATCH', '/api/v1/server/auth', { body: { radius: { colour: 'red' } } }), 422, 'ERR 05');
    expectError(await call('PATCH', '/api/v1/server/auth', { body: { methods: ['LOCAL', 'LOCAL'] } }), 422, 'ERR 03');
    expectError(await call('PATCH', '/api/v1/server/auth', { body: {} }), 422, 'ERR 02');
    expect((await call('GET', '/api/v1/server/auth')).body).toEqual(shown.body);
  });

  it('takes servers and secrets, never shows a secret, and is what SHOW SERVER then shows', async () => {
    const set = await call('PATCH', '/api/v1/server/auth', {
      body: { radius: { primary: { host: '127.0.0.1', port: radius.port, secret: SECRET }, timeoutSeconds: 2, retries: 0 } },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body.radius).toEqual({
      primary: { host: '127.0.0.1', port: radius.port, secretSet: true }, secondary: null, timeoutSeconds: 2, retries: 0, defaultAccess: null,
    });
    const ldap = await call('PATCH', '/api/v1/server/auth', {
      body: { ldap: { primary: { host: '127.0.0.1', port: 389, tls: false }, baseDn: 'dc=example,dc=org', bindDn: 'cn=svc,dc=example,dc=org',
        bindPassword: BIND_PASSWORD, group: { dn: 'cn=ops,dc=example,dc=org', access: 'p1-4,smon' } } },
    });
    expect(ldap.status, ldap.text).toBe(200);
    expect(ldap.body.ldap).toMatchObject({ bindPasswordSet: true, groups: [{ dn: 'cn=ops,dc=example,dc=org', access: 'P1-4,SMON' }] });
    // LOCAL first: local users (this test's Admin) stay local; every other name goes to RADIUS.
    const methods = await call('PATCH', '/api/v1/server/auth', { body: { methods: ['LOCAL', 'RADIUS'] } });
    expect(methods.body.methods).toEqual(['LOCAL', 'RADIUS']);
    // ERR 52: the server of a method AUTH= lists cannot be removed.
    expectError(await call('PATCH', '/api/v1/server/auth', { body: { radius: { primary: null } } }), 422, 'ERR 52');

    const all = await call('GET', '/api/v1/server/auth', { auth: PLAIN });
    expect(all.body.radius.primary).toEqual({ host: '127.0.0.1', port: radius.port, secretSet: true });
    const radiusText = await daemon.exec('SHOW SERVER RADIUS');
    expect(radiusText.output).toContain(`127.0.0.1:${radius.port}`);
    expect(radiusText.output).toMatch(/set \(not shown\)/);
    expect((await daemon.exec('SHOW SERVER SECURITY')).output).toMatch(/Authentication:\s+LOCAL,RADIUS/);
    for (const text of [set.text, ldap.text, methods.text, all.text, radiusText.output, daemon.log()]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(BIND_PASSWORD);
    }
  });

  it('what the API configured works: a RADIUS-only user logs in to the API and stays logged in to the web console', async () => {
    const sessions = await call('GET', '/api/v1/sessions', { auth: ['radweb', 'rad-web-pass1'] });
    expect(sessions.status, sessions.text).toBe(200);
    expect(sessions.body).toHaveLength(16); // SMON sees every port
    const self = await call('GET', '/api/v1/users/radweb', { auth: ['radweb', 'rad-web-pass1'] });
    expect(self.body.user, self.text).toMatchObject({ name: 'radweb', source: 'RADIUS', access: 'P1-4,SMON' });
    expectError(await call('GET', '/api/v1/sessions', { auth: ['radweb', 'wrong-pass-1'] }), 401, 'ERR 30');

    const base = `http://127.0.0.1:${daemon.ready.web}`;
    const form = await fetch(`${base}/login`);
    const loginCsrf = form.headers.getSetCookie().find((c) => c.startsWith('ccmd_login_csrf='))!.split(';')[0]!;
    const token = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const loggedIn = await fetch(`${base}/login`, {
      method: 'POST', redirect: 'manual', headers: { cookie: loginCsrf },
      body: new URLSearchParams({ user: 'radweb', password: 'rad-web-pass1', csrf: token, next: '/sessions' }),
    });
    expect(loggedIn.status).toBe(303);
    const session = loggedIn.headers.getSetCookie().find((c) => c.startsWith('ccmd_session='))!.split(';')[0]!;
    for (const path of ['/sessions', '/ports']) {
      const page = await fetch(`${base}${path}`, { redirect: 'manual', headers: { cookie: session } });
      expect(page.status, `${path} for a RADIUS user`).toBe(200);
    }
    expect(errorLogLines(daemon)).toEqual([]);
  });
});
