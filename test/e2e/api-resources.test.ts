/**
 * SPEC §10 users, ports and server settings over the JSON API on a real daemon: every endpoint's
 * success, 401, 403 for a USER-level user, 404/409/422, the change visible through `ccmd exec`
 * (the CLI's twin reads the same store through the same services), and still there after a
 * restart on the same SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { apiClient, errorLogLines, type ApiReply } from './api-fixture.js';

let daemon: DaemonProcess;
let call: ReturnType<typeof apiClient>;
const PLAIN = ['plain', 'plain-pw1'] as const;

beforeAll(async () => {
  daemon = await startDaemon({ web: true });
  call = apiClient(daemon);
  expect((await daemon.exec('USER ADD plain PASSWORD=plain-pw1 ACCESS=P1-4')).status).toBe(0);
});
afterAll(async () => {
  await daemon.stop();
});

async function cliJson(line: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const reply = await daemon.exec(line, true);
  expect(reply.status).toBe(0);
  return reply.data;
}

function expectError(reply: ApiReply, status: number, code: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.body.error.code).toBe(code);
}

describe('users over the API', () => {
  it('POST /users adds a user the CLI then shows; 401, 403, 409 and 422 change nothing', async () => {
    const added = await call('POST', '/api/v1/users', { body: { name: 'jdoe', password: 'secret-1', access: 'P1-4,SMON' } });
    expect(added.status).toBe(201);
    expect(added.body.user).toMatchObject({ name: 'jdoe', level: 'USER', access: 'P1-4,SMON', password: true });
    expect((await cliJson('SHOW USER jdoe')).user).toEqual(added.body.user);
    expectError(await call('POST', '/api/v1/users', { auth: null, body: { name: 'x1x', password: 'secret-1' } }), 401, 'ERR 30');
    expectError(await call('POST', '/api/v1/users', { auth: PLAIN, body: { name: 'x2x', password: 'secret-1' } }), 403, 'ERR 04');
    expectError(await call('POST', '/api/v1/users', { body: { name: 'JDOE', password: 'secret-1' } }), 409, 'ERR 17');
    expectError(await call('POST', '/api/v1/users', { body: { name: 'x3x', password: 'ab' } }), 422, 'ERR 17');
    expectError(await call('POST', '/api/v1/users', { body: { name: 'x4x', password: 'secret-1', access: 'FLY' } }), 422, 'ERR 03');
    expectError(await call('POST', '/api/v1/users', { body: { password: 'secret-1' } }), 422, 'ERR 02');
    const names = (await cliJson('SHOW USER ALL')).users.map((u: { name: string }) => u.name);
    expect(names.sort()).toEqual(['Admin', 'jdoe', 'plain']);
  });

  it('GET /users needs the USER right; GET /users/{name} shows yourself to anyone', async () => {
    const all = await call('GET', '/api/v1/users');
    expect(all.status).toBe(200);
    expect(all.body).toEqual(await cliJson('SHOW USER ALL'));
    expectError(await call('GET', '/api/v1/users', { auth: PLAIN }), 403, 'ERR 04');
    expectError(await call('GET', '/api/v1/users', { auth: null }), 401, 'ERR 30');
    expect((await call('GET', '/api/v1/users/plain', { auth: PLAIN })).body.user.name).toBe('plain');
    // Issue 12 item 6: the same fields as SHOW USER <name> --json (Port Access, Last Login, logins now).
    const plain = await call('GET', '/api/v1/users/plain');
    expect(plain.body).toEqual(await cliJson('SHOW USER plain'));
    expect(plain.body.user).toMatchObject({ portAccess: 'BY PORT', connections: [] });
    expect(plain.body.user).toHaveProperty('lastLoginAt');
    expectError(await call('GET', '/api/v1/users/jdoe', { auth: PLAIN }), 403, 'ERR 04');
    expectError(await call('GET', '/api/v1/users/nobody'), 404, 'ERR 07');
  });

  it('PATCH /users/{name} changes access (USER right) or your own password', async () => {
    const changed = await call('PATCH', '/api/v1/users/jdoe', { body: { access: { op: 'add', list: 'BREAK' } } });
    expect(changed.status).toBe(200);
    expect(changed.body.user.access).toBe('P1-4,SMON,BREAK');
    expect((await cliJson('SHOW USER jdoe')).user.access).toBe('P1-4,SMON,BREAK');
    expectError(await call('PATCH', '/api/v1/users/jdoe', { auth: PLAIN, body: { access: 'PALL' } }), 403, 'ERR 04');
    expectError(await call('PATCH', '/api/v1/users/plain', { auth: PLAIN, body: { access: 'PALL' } }), 403, 'ERR 04');
    expect((await call('PATCH', '/api/v1/users/plain', { auth: PLAIN, body: { password: 'plain-pw2' } })).status).toBe(200);
    expect((await call('GET', '/api/v1/users/plain', { auth: ['plain', 'plain-pw2'] })).status).toBe(200);
    expect((await call('PATCH', '/api/v1/users/plain', { auth: ['plain', 'plain-pw2'], body: { password: 'plain-pw1' } })).status).toBe(200);
    expectError(await call('PATCH', '/api/v1/users/nobody', { body: { access: 'PALL' } }), 404, 'ERR 07');
    expectError(await call('PATCH', '/api/v1/users/jdoe', { body: {} }), 422, 'ERR 02');
    expectError(await call('PATCH', '/api/v1/users/jdoe', { body: { level: 'ADMIN' } }), 422, 'ERR 05');
    // SPEC §3: at least one user keeps the USER right.
    expectError(await call('PATCH', '/api/v1/users/Admin', { body: { access: 'PALL' } }), 422, 'ERR 17');
  });

  it('DELETE /users/{name} removes a user the CLI no longer knows; 403, 404, and not yourself', async () => {
    await call('POST', '/api/v1/users', { body: { name: 'gone', password: 'secret-1' } });
    expectError(await call('DELETE', '/api/v1/users/gone', { auth: PLAIN }), 403, 'ERR 04');
    expect((await call('DELETE', '/api/v1/users/gone')).body).toEqual({ deleted: 'gone' });
    expect((await daemon.exec('SHOW USER gone')).output).toContain('ERR 07');
    expectError(await call('DELETE', '/api/v1/users/gone'), 404, 'ERR 07');
    expectError(await call('DELETE', '/api/v1/users/Admin'), 403, 'ERR 18');
  });

  it('POST /users/{name}/logout revokes their tokens; /unlock clears a lockout', async () => {
    const token = (await call('POST', '/api/v1/login', { auth: null, body: { user: 'jdoe', password: 'secret-1' } })).body.token as string;
    expect((await call('GET', '/api/v1/users/jdoe', { auth: token })).status).toBe(200);
    expectError(await call('POST', '/api/v1/users/jdoe/logout', { auth: PLAIN }), 403, 'ERR 04');
    expect((await call('POST', '/api/v1/users/jdoe/logout')).status).toBe(200);
    expectError(await call('GET', '/api/v1/users/jdoe', { auth: token }), 401, 'ERR 30');
    expectError(await call('POST', '/api/v1/users/jdoe/logout'), 404, 'ERR 08');
    for (let i = 0; i < 5; i++) await call('GET', '/api/v1/users/jdoe', { auth: ['jdoe', 'wrong-pw'] });
    expectError(await call('GET', '/api/v1/users/jdoe', { auth: ['jdoe', 'secret-1'] }), 401, 'ERR 30');
    expect((await call('POST', '/api/v1/users/jdoe/unlock')).status).toBe(200);
    expect((await call('GET', '/api/v1/users/jdoe', { auth: ['jdoe', 'secret-1'] })).status).toBe(200);
  });
});

describe('ports over the API', () => {
  it('GET /ports lists what SHOW PORT ALL --json lists; a USER-level user sees the ports they reach', async () => {
    const all = await call('GET', '/api/v1/ports');
    expect(all.status).toBe(200);
    expect(all.body).toEqual(await cliJson('SHOW PORT ALL'));
    expect(all.body.ports).toHaveLength(16);
    expect((await call('GET', '/api/v1/ports', { auth: PLAIN })).body.ports.map((p: { port: number }) => p.port)).toEqual([1, 2, 3, 4]);
    expectError(await call('GET', '/api/v1/ports', { auth: null }), 401, 'ERR 30');
  });

  it('PATCH /ports/{n} changes a port (PCON) as PORT n SET would; GET by number or name', async () => {
    const changed = await call('PATCH', '/api/v1/ports/2', { body: { name: 'router2', baud: 115200, share: 'AUTO' } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.ports[0]).toMatchObject({ port: 2, name: 'router2', baud: 115200, share: 'AUTO' });
    expect((await cliJson('SHOW PORT 2')).port).toMatchObject({ name: 'router2', baud: 115200, share: 'AUTO' });
    expect((await call('GET', '/api/v1/ports/router2')).body.port.port).toBe(2);
    expectError(await call('PATCH', '/api/v1/ports/2', { auth: PLAIN, body: { baud: 9600 } }), 403, 'ERR 04');
    expectError(await call('PATCH', '/api/v1/ports/2', { auth: null, body: { baud: 9600 } }), 401, 'ERR 30');
    expectError(await call('PATCH', '/api/v1/ports/99', { body: { baud: 9600 } }), 404, 'ERR 06');
    expectError(await call('GET', '/api/v1/ports/nosuchname'), 404, 'ERR 12');
    expectError(await call('PATCH', '/api/v1/ports/2', { body: { baud: 12 } }), 422, 'ERR 03');
    expectError(await call('PATCH', '/api/v1/ports/2', { body: { speed: 9600 } }), 422, 'ERR 05');
    expectError(await call('PATCH', '/api/v1/ports/3', { body: { name: 'router2' } }), 422, 'ERR 03');
    expectError(await call('GET', '/api/v1/ports/9', { auth: PLAIN }), 403, 'ERR 04');
    expect((await cliJson('SHOW PORT 2')).port.baud).toBe(115200);
  });

  it('PATCH /ports changes a selection at once', async () => {
    const changed = await call('PATCH', '/api/v1/ports', { body: { ports: '5-6', timeoutMinutes: 30 } });
    expect(changed.body.ports.map((p: { port: number; timeoutMinutes: number }) => [p.port, p.timeoutMinutes])).toEqual([[5, 30], [6, 30]]);
    expectError(await call('PATCH', '/api/v1/ports', { body: { ports: '6-5', timeoutMinutes: 30 } }), 422, 'ERR 06');
    expectError(await call('PATCH', '/api/v1/ports', { body: { ports: 'nosuch', timeoutMinutes: 30 } }), 422, 'ERR 12');
    expectError(await call('PATCH', '/api/v1/ports', { body: { timeoutMinutes: 30 } }), 422, 'ERR 02');
  });

  it('POST /ports/{n}/break needs BREAK; /logout needs PCON and someone on the port', async () => {
    expect((await call('POST', '/api/v1/ports/1/break')).body).toEqual({ port: 1, sent: true });
    expectError(await call('POST', '/api/v1/ports/1/break', { auth: PLAIN }), 403, 'ERR 04');
    expectError(await call('POST', '/api/v1/ports/77/break'), 404, 'ERR 06');
    expectError(await call('POST', '/api/v1/ports/1/logout', { auth: PLAIN }), 403, 'ERR 04');
    expectError(await call('POST', '/api/v1/ports/1/logout'), 404, 'ERR 08');
  });
});

describe('server settings over the API', () => {
  it('GET /server/{topic} for anyone; PATCH needs SCON and is what SHOW SERVER then shows', async () => {
    expect((await call('GET', '/api/v1/server/share', { auth: PLAIN })).body).toEqual({ share: 'QUERY', queryTimeoutSeconds: 30 });
    const changed = await call('PATCH', '/api/v1/server/share', { body: { share: 'AUTO', queryTimeoutSeconds: 20 } });
    expect(changed.body).toEqual({ share: 'AUTO', queryTimeoutSeconds: 20 });
    expect(await cliJson('SHOW SERVER SHARE')).toEqual({ share: 'AUTO', queryTimeoutSeconds: 20 });
    expect((await call('PATCH', '/api/v1/server/security', { body: { lockoutHours: 2 } })).body).toEqual({ lockoutHours: 2 });
    expect((await call('PATCH', '/api/v1/server/cli', { body: { cliChar: '^e' } })).body.cliChar).toBe('^E');
    expect((await call('GET', '/api/v1/server/ssh')).body).toEqual({ sshEnabled: true, sshAuth: 'PW|KEY' });
    expectError(await call('PATCH', '/api/v1/server/share', { auth: PLAIN, body: { share: 'DISABLE' } }), 403, 'ERR 04');
    expectError(await call('PATCH', '/api/v1/server/share', { auth: null, body: { share: 'DISABLE' } }), 401, 'ERR 30');
    expectError(await call('PATCH', '/api/v1/server/share', { body: { share: 'SOMETIMES' } }), 422, 'ERR 03');
    expectError(await call('PATCH', '/api/v1/server/share', { body: { lockoutHours: 3 } }), 422, 'ERR 05');
    expectError(await call('PATCH', '/api/v1/server/share', { body: {} }), 422, 'ERR 02');
    expectError(await call('GET', '/api/v1/server/power'), 404, 'ERR 34');
    expect((await cliJson('SHOW SERVER SHARE')).share).toBe('AUTO');
  });
});

describe('after a restart', () => {
  it('every API change is still there, and nothing was logged at error level', async () => {
    expect(errorLogLines(daemon)).toEqual([]);
    await daemon.kill('SIGTERM');
    const again = await startDaemon({ web: true, dataDir: daemon.dataDir });
    daemon = again;
    call = apiClient(again);
    expect((await call('GET', '/api/v1/users/jdoe')).body.user.access).toBe('P1-4,SMON,BREAK');
    expect((await call('GET', '/api/v1/ports/router2')).body.port).toMatchObject({ port: 2, baud: 115200, share: 'AUTO' });
    expect((await call('GET', '/api/v1/ports/6')).body.port.timeoutMinutes).toBe(30);
    expect((await call('GET', '/api/v1/server/share')).body).toEqual({ share: 'AUTO', queryTimeoutSeconds: 20 });
    expect((await call('GET', '/api/v1/server/security')).body).toEqual({ lockoutHours: 2 });
    expectError(await call('GET', '/api/v1/users/gone'), 404, 'ERR 07');
  });
});
