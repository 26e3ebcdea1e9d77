import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_ACCESS } from '../domain/rights.js';
import type { ClientInfo } from '../transports/terminal.js';
import { StoreAuthenticator } from './authenticator.js';
import { parsePublicKeyLine, type AuthorisedKey } from '../store/ssh-keys.js';
import { openStore, type Store } from '../store/store.js';

const HOUR = 3_600_000;
const telnet: ClientInfo = { method: 'telnet', address: '127.0.0.1', remotePort: 5000, host: 'localhost', listener: 'telnet-cli' };
const ssh: ClientInfo = { ...telnet, method: 'ssh', listener: 'ssh-cli' };

let root = '';
let store: Store;
let clock = 0;
let auth: StoreAuthenticator;
const keys: AuthorisedKey[] = [];

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'ccmd-authkey-'));
  for (const name of ['mine', 'other']) {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, name)]);
    const parsed = parsePublicKeyLine(readFileSync(join(dir, `${name}.pub`), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    keys.push(parsed.key);
  }
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'ccmd-auth-'));
  store = openStore(root, { maxUsers: 64, groupsPerUser: 16 });
  clock = 1_700_000_000_000;
  auth = new StoreAuthenticator(store.users, store.server, () => clock);
  await store.users.add('Admin', { password: 'adminpw', access: ADMIN_ACCESS }, clock);
  await store.users.add('jdoe', { password: 'rightpw', keys: [keys[0]?.line ?? ''] }, clock);
});
afterEach(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

async function failTimes(n: number): Promise<void> {
  for (let i = 0; i < n; i++) expect(await auth.checkPassword('jdoe', 'wrong', telnet)).toMatchObject({ ok: false });
}

describe('StoreAuthenticator', () => {
  it('accepts the right password, refuses a wrong one, an unknown user and the wrong case', async () => {
    expect(await auth.checkPassword('jdoe', 'rightpw', telnet)).toEqual({ ok: true, user: 'jdoe' });
    expect(await auth.checkPassword('jdoe', 'wrongpw', telnet)).toEqual({ ok: false, reason: 'bad-credentials' });
    expect(await auth.checkPassword('nobody', 'rightpw', telnet)).toEqual({ ok: false, reason: 'bad-credentials' });
    expect(await auth.checkPassword('JDOE', 'rightpw', telnet)).toEqual({ ok: false, reason: 'bad-credentials' });
  });

  it('locks after 5 failures in a row, refusing even the right password, until the hour passes', async () => {
    await failTimes(5);
    expect(await auth.checkPassword('jdoe', 'rightpw', telnet)).toEqual({ ok: false, reason: 'locked' });
    expect(await auth.checkPublicKey('jdoe', keys[0]!.algo, keys[0]!.data, ssh)).toEqual({ ok: false, reason: 'locked' });
    clock += HOUR - 1;
    expect(await auth.checkPassword('jdoe', 'rightpw', telnet)).toEqual({ ok: false, reason: 'locked' });
    clock += 1;
    expect(await auth.checkPassword('jdoe', 'rightpw', telnet)).toEqual({ ok: true, user: 'jdoe' });
  });

  it('a success resets the count', async () => {
    await failTimes(4);
    expect((await auth.checkPassword('jdoe', 'rightpw', telnet)).ok).toBe(true);
    await failTimes(4);
    expect((await auth.checkPassword('jdoe', 'rightpw', telnet)).ok).toBe(true);
  });

  it('USER UNLOCK lets the user in at once', async () => {
    await failTimes(5);
    store.users.unlock('jdoe');
    expect((await auth.checkPassword('jdoe', 'rightpw', telnet)).ok).toBe(true);
  });

  it('LOCKOUT=0 never locks', async () => {
    store.server.set({ lockoutHours: 0 });
    await failTimes(8);
    expect((await auth.checkPassword('jdoe', 'rightpw', telnet)).ok).toBe(true);
  });

  it('a parallel storm of wrong passwords locks, losing no count', async () => {
    await Promise.all(Array.from({ length: 12 }, () => auth.checkPassword('jdoe', 'wrong', telnet)));
    expect(store.users.get('jdoe')?.lockout.lockedUntil).toBe(clock + HOUR);
  });

  it('matches authorised keys; a key mismatch is not a failed login', async () => {
    expect(await auth.checkPublicKey('jdoe', keys[0]!.algo, keys[0]!.data, ssh)).toEqual({ ok: true, user: 'jdoe' });
    for (let i = 0; i < 6; i++) {
      expect(await auth.checkPublicKey('jdoe', keys[1]!.algo, keys[1]!.data, ssh)).toEqual({ ok: false, reason: 'bad-credentials' });
    }
    expect(store.users.get('jdoe')?.lockout.failures).toBe(0);
    expect(await auth.checkPublicKey('Admin', keys[0]!.algo, keys[0]!.data, ssh)).toMatchObject({ ok: false });
    expect(await auth.checkPublicKey('ghost', keys[0]!.algo, keys[0]!.data, ssh)).toMatchObject({ ok: false });
  });

  it('a verified key login clears the count', async () => {
    await failTimes(3);
    auth.publicKeyLoginVerified('jdoe');
    expect(store.users.get('jdoe')?.lockout.failures).toBe(0);
  });

  it('follows SERVER SSH settings', async () => {
    expect(auth.sshMethods()).toEqual({ enabled: true, password: true, publicKey: true, bothRequired: false });
    store.server.set({ sshAuth: 'KEY' });
    expect(await auth.checkPassword('jdoe', 'rightpw', ssh)).toEqual({ ok: false, reason: 'method-disabled' });
    expect((await auth.checkPassword('jdoe', 'rightpw', telnet)).ok).toBe(true);
    store.server.set({ sshAuth: 'PW' });
    expect(await auth.checkPublicKey('jdoe', keys[0]!.algo, keys[0]!.data, ssh)).toEqual({ ok: false, reason: 'method-disabled' });
    store.server.set({ sshAuth: 'PW&KEY' });
    expect(auth.sshMethods()).toMatchObject({ password: true, publicKey: true, bothRequired: true });
    store.server.set({ sshEnabled: false });
    expect(auth.sshMethods()).toMatchObject({ enabled: false, password: false, publicKey: false });
  });
});
