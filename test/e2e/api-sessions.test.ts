/**
 * SPEC §10 sessions over the JSON API on a real daemon, with a real session (an OpenSSH login on
 * port 2): list, information, history, access, end; 401, 403 for a USER-level user who is not
 * the initiator, 404 for an unknown id, 409 for an ended one, 422 for a bad body; each change
 * seen through `ccmd exec`, and the ended session's record still there after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractiveClient } from '../support/clients.js';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { loginAs } from '../support/login.js';
import { apiClient, errorLogLines, type ApiReply } from './api-fixture.js';

let daemon: DaemonProcess;
let call: ReturnType<typeof apiClient>;
let holder: InteractiveClient;
let id = '';
const PLAIN = ['plain', 'plain-pw1'] as const;
const OTHER = ['other', 'other-pw1'] as const;

beforeAll(async () => {
  daemon = await startDaemon({ web: true });
  call = apiClient(daemon);
  expect((await daemon.exec('USER ADD plain PASSWORD=plain-pw1 ACCESS=P1-4')).status).toBe(0);
  expect((await daemon.exec('USER ADD other PASSWORD=other-pw1 ACCESS=P1-4')).status).toBe(0);
  holder = await loginAs(daemon, 'ssh', 'plain', 'plain-pw1');
  holder.send('CONNECT 2\r');
  await holder.expect('Connection complete', 10_000);
}, 60_000);
afterAll(async () => {
  await holder?.close();
  await daemon?.stop();
});

function expectError(reply: ApiReply, status: number, code: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.body.error.code).toBe(code);
}

/** The rows without the ever-changing duration. */
function steady(rows: { durationSeconds: number | null }[]): unknown[] {
  return rows.map((r) => ({ ...r, durationSeconds: r.durationSeconds === null ? null : 'n' }));
}

describe('sessions over the API', () => {
  it('GET /sessions is SHOW SESSIONS --json: one row per port you may see', async () => {
    const list = await call('GET', '/api/v1/sessions');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(16);
    expect(steady(list.body)).toEqual(steady((await daemon.exec('SHOW SESSIONS', true)).data as never));
    const row = list.body[1];
    expect(row).toMatchObject({ port: 2, status: 'Active', initiator: 'plain', users: [{ user: 'plain', mode: 'rw' }], access: 'PUBLIC' });
    id = row.session;
    expect(id).toMatch(/^S\d+$/);
    expect((await call('GET', '/api/v1/sessions', { auth: PLAIN })).body.map((r: { port: number }) => r.port)).toEqual([1, 2, 3, 4]);
    expect((await call('GET', '/api/v1/sessions?busy=1')).body.map((r: { port: number }) => r.port)).toEqual([2]);
    expectError(await call('GET', '/api/v1/sessions', { auth: null }), 401, 'ERR 30');
  });

  it('GET /sessions/{id} and /history: the information view and its events', async () => {
    const info = await call('GET', `/api/v1/sessions/${id}`, { auth: PLAIN });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ id, port: 2, status: 'Active', initiator: 'plain', access: 'PUBLIC' });
    expect(info.body.connections[0]).toMatchObject({ user: 'plain', method: 'ssh', address: '127.0.0.1' });
    const history = await call('GET', `/api/v1/sessions/${id}/history`);
    expect(history.body.events.map((e: { event: string }) => e.event)).toContain('created');
    expectError(await call('GET', '/api/v1/sessions/S99999'), 404, 'ERR 08');
    expectError(await call('GET', '/api/v1/sessions/nonsense/history'), 404, 'ERR 08');
    expectError(await call('GET', `/api/v1/sessions/${id}`, { auth: null }), 401, 'ERR 30');
  });

  it('PUT /sessions/{id}/access: the initiator may, another USER may not; bad bodies are 422', async () => {
    expectError(await call('PUT', `/api/v1/sessions/${id}/access`, { auth: OTHER, body: { access: 'PRIVATE' } }), 403, 'ERR 04');
    expectError(await call('PUT', `/api/v1/sessions/${id}/access`, { body: { access: 'SECRET' } }), 422, 'ERR 03');
    expectError(await call('PUT', `/api/v1/sessions/${id}/access`, { body: { access: 'PRIVATE', why: 'x' } }), 422, 'ERR 05');
    expectError(await call('PUT', `/api/v1/sessions/${id}/access`, { body: {} }), 422, 'ERR 02');
    expectError(await call('PUT', '/api/v1/sessions/S99999/access', { body: { access: 'PRIVATE' } }), 404, 'ERR 08');
    const changed = await call('PUT', `/api/v1/sessions/${id}/access`, { auth: PLAIN, body: { access: 'PRIVATE' } });
    expect(changed.body).toEqual({ id, access: 'PRIVATE' });
    expect(((await daemon.exec(`SHOW SESSION ${id}`, true)).data as { access: string }).access).toBe('PRIVATE');
    expect((await call('GET', `/api/v1/sessions/${id}/history`)).body.events.map((e: { event: string }) => e.event)).toContain('access-changed');
  });

  it('POST /sessions/{id}/end: not for another USER; an admin ends it, the user is told; again is 409', async () => {
    expectError(await call('POST', `/api/v1/sessions/${id}/end`, { auth: OTHER }), 403, 'ERR 04');
    expectError(await call('POST', `/api/v1/sessions/${id}/end`, { auth: null }), 401, 'ERR 30');
    expect((await call('POST', `/api/v1/sessions/${id}/end`)).body).toEqual({ id, port: 2 });
    await holder.expect('Session ended by Admin', 10_000);
    expectError(await call('POST', `/api/v1/sessions/${id}/end`), 409, 'ERR 20');
    expectError(await call('PUT', `/api/v1/sessions/${id}/access`, { body: { access: 'PUBLIC' } }), 409, 'ERR 20');
    expect((await call('GET', `/api/v1/sessions/${id}`)).body).toMatchObject({ status: 'Ended', access: 'PRIVATE' });
    expect(((await daemon.exec(`SHOW SESSION ${id}`, true)).data as { status: string }).status).toBe('Ended');
  });

  it('the ended session and its history are still there after a restart; nothing logged at error level', async () => {
    expect(errorLogLines(daemon)).toEqual([]);
    await holder.close();
    await daemon.kill('SIGTERM');
    daemon = await startDaemon({ web: true, dataDir: daemon.dataDir });
    call = apiClient(daemon);
    expect((await call('GET', `/api/v1/sessions/${id}`)).body).toMatchObject({ id, status: 'Ended', access: 'PRIVATE', initiator: 'plain' });
    const events = (await call('GET', `/api/v1/sessions/${id}/history`)).body.events.map((e: { event: string }) => e.event);
    expect(events).toEqual(expect.arrayContaining(['created', 'access-changed', 'ended-by']));
  }, 60_000);
});
