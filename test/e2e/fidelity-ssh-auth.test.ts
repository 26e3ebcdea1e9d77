/**
 * Issue 12 item 8: `SERVER SSH AUTH=` in the manual's six forms, set by an admin over Telnet and
 * obeyed by the daemon's SSH server against real OpenSSH: `&` needs the password and a key of the
 * same user (either order), `|` takes either.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sshClient, sshKeygen, type GeneratedKey, type InteractiveClient } from '../support/clients.js';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { seededDataDir } from '../support/users.js';
import { Logins, execOk } from './admin-fixture.js';

let daemon: DaemonProcess;
let keyDir: string;
let key: GeneratedKey;
const logins = new Logins(() => daemon);

beforeAll(async () => {
  keyDir = await mkdtemp(join(tmpdir(), 'ccmd-keys-'));
  key = await sshKeygen(keyDir);
  const dataDir = await seededDataDir([
    { name: 'bob', password: 'bob-pass1', keys: [key.publicKeyLine] },
    { name: 'alice', password: 'alice-pw1' },
  ]);
  daemon = await startDaemon({ dataDir });
});
afterEach(async () => {
  await logins.closeAll();
  await execOk(daemon, 'SERVER SSH ENABLE AUTH=PW|KEY');
});
afterAll(async () => {
  await logins.closeAll();
  await daemon?.stop();
  await rm(keyDir, { recursive: true, force: true });
});

/** One OpenSSH login attempt; true when it reached the `> ` prompt. */
async function attempt(user: string, how: { password?: string; key?: boolean; methods?: string }): Promise<boolean> {
  const client: InteractiveClient = logins.track(await sshClient({
    port: daemon.ready.ssh, user,
    ...(how.password === undefined ? {} : { password: how.password }),
    ...(how.key === true ? { identityFile: key.privateKeyPath } : {}),
    ...(how.methods === undefined ? {} : { methods: how.methods }),
  }));
  await client.expect(/> |Permission denied/, 10_000);
  return client.output.includes('> ');
}

/** An admin sets the form over Telnet, as typed, and SHOW SERVER SSH shows it back. */
async function setForm(form: string): Promise<void> {
  const admin = await logins.login('telnet', 'Admin', 'admin-secret1');
  admin.send(`SERVER SSH AUTH=${form}\r`);
  admin.send('SHOW SERVER SSH\r');
  await admin.expect(new RegExp(`SSH auth:\\s+${form.toUpperCase().replace(/[|&]/g, '\\$&')}\\r?\\n`));
  expect(admin.output).not.toContain('ERR');
}

describe('SERVER SSH AUTH= forms against OpenSSH', () => {
  it.each(['PW&KEY', 'key&pw'])('AUTH=%s: both are needed, in either order', async (form) => {
    await setForm(form);
    expect(await attempt('bob', { key: true, password: 'bob-pass1' })).toBe(true);
    expect(await attempt('bob', { key: true, password: 'bob-pass1', methods: 'password,publickey' })).toBe(true);
    expect(await attempt('bob', { key: true, methods: 'publickey' })).toBe(false);
    expect(await attempt('bob', { password: 'bob-pass1', methods: 'password,keyboard-interactive' })).toBe(false);
    expect(await attempt('bob', { key: true, password: 'wrong-pw1' })).toBe(false);
    expect(await attempt('alice', { password: 'alice-pw1' })).toBe(false);
  });

  it.each(['PW|KEY', 'KEY|PW'])('AUTH=%s: either one will do', async (form) => {
    await setForm(form);
    expect(await attempt('bob', { key: true, methods: 'publickey' })).toBe(true);
    expect(await attempt('alice', { password: 'alice-pw1' })).toBe(true);
  });

  it('AUTH=KEY refuses passwords, AUTH=PW refuses keys', async () => {
    await setForm('KEY');
    expect(await attempt('bob', { key: true, methods: 'publickey' })).toBe(true);
    expect(await attempt('alice', { password: 'alice-pw1' })).toBe(false);
    await setForm('PW');
    expect(await attempt('bob', { key: true, methods: 'publickey' })).toBe(false);
    expect(await attempt('alice', { password: 'alice-pw1' })).toBe(true);
  });
});
