/**
 * Issue 10 host CLI `ccmd token create|list|revoke` on a real daemon: a token made on the host
 * works on the API, shows in the list (never its secret), stops working once revoked; `--json`
 * gives objects; a refusal is an ERR line and exit 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { apiClient } from './api-fixture.js';

let daemon: DaemonProcess;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  daemon = await startDaemon({ web: true });
  call = apiClient(daemon);
  expect((await daemon.exec('USER ADD robot PASSWORD=robot-pw1 ACCESS=SMON,P1-4')).status).toBe(0);
});
afterAll(async () => {
  await daemon.stop();
});

describe('ccmd token', () => {
  it('create prints a token the API takes; list shows it without the secret; revoke ends it', async () => {
    const made = await daemon.cli(['token', 'create', 'robot', '--hours', '2', '--label', 'nightly']);
    expect(made.code, made.stderr).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^ccmd_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect((await call('GET', '/api/v1/sessions', { auth: token })).status).toBe(200);
    const id = token.split('_')[1] as string;
    const listed = await daemon.cli(['token', 'list']);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('nightly');
    // The secret is everything after `ccmd_<id>_` (base64url, so it may itself hold `_` or `-`).
    const secret = token.slice(`ccmd_${id}_`.length);
    expect(listed.stdout).not.toContain(secret);
    const json = JSON.parse((await daemon.cli(['token', 'list', '--user', 'robot', '--json'])).stdout);
    expect(json.tokens).toEqual([expect.objectContaining({ id, user: 'robot', label: 'nightly' })]);
    expect(json.tokens[0].expiresAt - json.tokens[0].createdAt).toBe(2 * 3600 * 1000);
    expect(JSON.stringify(json)).not.toContain(token);
    const revoked = await daemon.cli(['token', 'revoke', id]);
    expect(revoked.code).toBe(0);
    expect((await call('GET', '/api/v1/sessions', { auth: token })).status).toBe(401);
  });

  it('create --json gives the token once as an object; refusals are ERR lines with exit 1', async () => {
    const made = JSON.parse((await daemon.cli(['token', 'create', 'robot', '--json'])).stdout);
    expect(made).toMatchObject({ user: 'robot', label: '', token: expect.stringMatching(/^ccmd_/) });
    const unknown = await daemon.cli(['token', 'create', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('ERR 07');
    const tooLong = await daemon.cli(['token', 'create', 'robot', '--hours', '10000']);
    expect(tooLong.code).toBe(1);
    expect(tooLong.stdout).toContain('ERR 03');
    const noSuch = await daemon.cli(['token', 'revoke', '000000000000']);
    expect(noSuch.code).toBe(1);
  });
});
