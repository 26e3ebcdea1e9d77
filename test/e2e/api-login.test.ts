/**
 * SPEC §10 API credentials on a real daemon: Basic and bearer tokens, POST /login and /logout,
 * tokens surviving a restart and revoked with their user, the JSON error shapes of bad input
 * (400, 404, 405, 413, 422) with nothing logged at error level, and the OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startDaemon, type DaemonProcess } from '../support/daemon.js';
import { openReadOnly } from '../support/db-probe.js';
import { apiClient, errorLogLines } from './api-fixture.js';

let daemon: DaemonProcess;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  daemon = await startDaemon({ web: true });
  call = apiClient(daemon);
});
afterAll(async () => {
  await daemon.stop();
});

describe('API login (SPEC §10)', () => {
  it('refuses a request without credentials, or with wrong ones, with 401 and a Basic challenge', async () => {
    for (const auth of [null, ['Admin', 'wrong-password'] as const, 'ccmd_000000000000_' + 'A'.repeat(43), 'garbage']) {
      const reply = await call('POST', '/api/v1/logout', { auth });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ error: { code: 'ERR 30', message: 'Login required' } });
      expect(reply.headers.get('www-authenticate')).toMatch(/^Basic realm="ccmd"/);
    }
  });

  it('issues a token for the body\'s credentials or a Basic header; the token works until logout', async () => {
    const fromBody = await call('POST', '/api/v1/login', { auth: null, body: { user: 'Admin', password: ADMIN_PASSWORD, label: 'test' } });
    expect(fromBody.status).toBe(201);
    expect(fromBody.body).toMatchObject({ user: 'Admin', label: 'test', token: expect.stringMatching(/^ccmd_/) });
    expect(fromBody.body.expiresAt - fromBody.body.createdAt).toBe(12 * 3600 * 1000);
    const fromHeader = await call('POST', '/api/v1/login');
    expect(fromHeader.status).toBe(201);
    const token = fromBody.body.token as string;
    expect((await call('POST', '/api/v1/logout', { auth: token })).body).toEqual({ revoked: true });
    expect((await call('POST', '/api/v1/logout', { auth: token })).status).toBe(401);
    // The other token is untouched; Basic has no token to revoke.
    expect((await call('POST', '/api/v1/logout', { auth: fromHeader.body.token })).body).toEqual({ revoked: true });
    expect((await call('POST', '/api/v1/logout')).body).toEqual({ revoked: false });
    // A logout is a revocation like `ccmd token revoke`: audited, from the API.
    const db = openReadOnly(daemon.dataDir);
    try {
      const revokes = db.prepare("SELECT user, origin, detail FROM audit_log WHERE action = 'TOKEN REVOKE'").all();
      expect(revokes).toEqual(expect.arrayContaining([
        { user: 'Admin', origin: expect.stringMatching(/^api /), detail: `${fromBody.body.id as string} of Admin` },
      ]));
    } finally {
      db.close();
    }
  });

  it('refuses a login with wrong credentials with 401, and with no credentials at all', async () => {
    expect((await call('POST', '/api/v1/login', { auth: null, body: { user: 'Admin', password: 'nope-nope' } })).status).toBe(401);
    expect((await call('POST', '/api/v1/login', { auth: null })).status).toBe(401);
  });

  it('answers bad input with a JSON error and the right status, logging nothing at error level', async () => {
    const malformed = await call('POST', '/api/v1/login', { auth: null, rawBody: '{"user": "Admin", ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('ERR 32');
    const unknownField = await call('POST', '/api/v1/login', { auth: null, body: { user: 'Admin', password: 'x', admin: true } });
    expect(unknownField.status).toBe(422);
    expect(unknownField.body.error).toMatchObject({ code: 'ERR 05', field: 'admin' });
    const wrongType = await call('POST', '/api/v1/login', { auth: null, body: { user: 'Admin', password: 'x', ttlSeconds: 'soon' } });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.error).toMatchObject({ code: 'ERR 03', field: 'ttlSeconds' });
    const notObject = await call('POST', '/api/v1/login', { auth: null, rawBody: '[1,2]' });
    expect(notObject.status).toBe(422);
    const huge = await call('POST', '/api/v1/login', { auth: null, rawBody: JSON.stringify({ user: 'x'.repeat(100_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('ERR 33');
    const unknownRoute = await call('GET', '/api/v1/no-such-thing');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.error.code).toBe('ERR 34');
    expect((await call('GET', '/api/v2/sessions')).status).toBe(404);
    const wrongMethod = await call('GET', '/api/v1/login');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe('ERR 35');
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const bodyWhereNone = await call('POST', '/api/v1/logout', { body: { x: 1 } });
    expect(bodyWhereNone.status).toBe(422);
    expect(errorLogLines(daemon)).toEqual([]);
  });

  it('serves an OpenAPI 3 document with every route of the table', async () => {
    const reply = await call('GET', '/api/v1/openapi.json', { auth: null });
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe('3.0.3');
    expect(reply.body.paths['/login'].post.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object', additionalProperties: false, properties: { user: { type: 'string' } },
    });
  });
});

describe('API tokens across a restart', () => {
  it('a token keeps working after a restart on the same data, and dies with a password change', async () => {
    const dataDaemon = await startDaemon({ web: true });
    try {
      const api = apiClient(dataDaemon);
      const token = (await api('POST', '/api/v1/login')).body.token as string;
      await dataDaemon.kill('SIGTERM');
      const again = await startDaemon({ web: true, dataDir: dataDaemon.dataDir });
      try {
        const api2 = apiClient(again);
        expect((await api2('GET', '/api/v1/users/Admin', { auth: token })).status).toBe(200);
        expect((await again.exec('USER SET Admin PASSWORD=another-secret1')).status).toBe(0);
        expect((await api2('GET', '/api/v1/users/Admin', { auth: token })).status).toBe(401);
      } finally {
        await again.stop();
      }
    } finally {
      await dataDaemon.stop();
    }
  }, 90_000);
});
