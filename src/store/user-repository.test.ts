import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lockoutPolicy } from '../domain/lockout.js';
import { ADMIN_ACCESS, formatAccessList, NO_ACCESS } from '../domain/rights.js';
import { verifyPassword } from './passwords.js';
import { openStore, type Store } from './store.js';

let root = '';
let store: Store;
let keyLine = '';

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'ccmd-userkey-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'jdoe@laptop', '-f', join(dir, 'k')]);
  keyLine = readFileSync(join(dir, 'k.pub'), 'utf8').trim();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'ccmd-users-'));
  store = openStore(root, { maxUsers: 4, groupsPerUser: 2 });
  const admin = await store.users.add('Admin', { password: 'adminpw', access: ADMIN_ACCESS }, 1);
  expect(admin.ok).toBe(true);
});
afterEach(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

describe('UserRepository', () => {
  it('adds a user with PALL,SMON by default and a verifiable password', async () => {
    const r = await store.users.add('jdoe', { password: 'pw123' }, 50);
    expect(r.ok).toBe(true);
    const jdoe = store.users.get('jdoe');
    expect(formatAccessList(jdoe?.access ?? NO_ACCESS)).toBe('PALL,SMON');
    expect(jdoe?.createdAt).toBe(50);
    expect(await verifyPassword('pw123', jdoe?.passwordHash ?? null)).toBe(true);
    expect(store.users.get('JDOE')).toBeNull();
  });

  it('refuses a name that differs only in case, and never stores the plaintext', async () => {
    expect(await store.users.add('admin', { password: 'pw123' }, 2)).toMatchObject({ ok: false, code: 'name-taken' });
    const raw = readFileSync(join(root, 'ccmd.db')).toString('latin1') + readFileSync(join(root, 'ccmd.db-wal')).toString('latin1');
    expect(raw).not.toContain('adminpw');
  });

  it('stores keys, and a key-only user may drop the password', async () => {
    expect((await store.users.add('keyed', { keys: [keyLine] }, 3)).ok).toBe(true);
    const keyed = store.users.get('keyed');
    expect(keyed?.passwordHash).toBeNull();
    expect(keyed?.keys.map((k) => k.line)).toEqual([keyLine]);
    expect(await store.users.update('keyed', { keys: [] })).toMatchObject({ ok: false, code: 'no-credential' });
    expect(await store.users.add('badkey', { keys: ['ssh-ed25519 AAAAnope x'] }, 3))
      .toMatchObject({ ok: false, code: 'bad-key', token: 'ssh-ed25519 AAAAnope x' });
  });

  it('updates access, groups and password; removing the password needs a key', async () => {
    await store.users.add('jdoe', { password: 'pw123' }, 2);
    expect((await store.users.update('jdoe', { access: NO_ACCESS, groups: ['lab'] })).ok).toBe(true);
    expect(store.users.get('jdoe')?.groups).toEqual(['lab']);
    expect(await store.users.update('jdoe', { password: null })).toMatchObject({ ok: false, code: 'no-credential' });
    expect((await store.users.update('jdoe', { password: 'newpw' })).ok).toBe(true);
    expect(await verifyPassword('newpw', store.users.get('jdoe')?.passwordHash ?? null)).toBe(true);
    expect(await store.users.update('jdoe', { groups: ['a', 'b', 'c'] })).toMatchObject({ code: 'too-many-groups' });
    expect(await store.users.update('ghost', { access: NO_ACCESS })).toMatchObject({ code: 'no-such-user' });
  });

  it('keeps at least one user with the USER right', async () => {
    expect(store.users.delete('Admin')).toMatchObject({ ok: false, code: 'no-user-admin' });
    expect(await store.users.update('Admin', { access: NO_ACCESS })).toMatchObject({ ok: false, code: 'no-user-admin' });
    await store.users.add('second', { password: 'pw123', access: ADMIN_ACCESS }, 2);
    expect(store.users.delete('Admin')).toMatchObject({ ok: true });
    expect(store.users.get('Admin')).toBeNull();
  });

  it('holds at most maxUsers users', async () => {
    for (const name of ['uone', 'utwo', 'uthree']) expect((await store.users.add(name, { password: 'pw1' }, 2)).ok).toBe(true);
    expect(await store.users.add('ufour', { password: 'pw1' }, 2)).toMatchObject({ ok: false, code: 'too-many-users' });
    expect(store.users.count()).toBe(4);
  });

  it('concurrent adds of the same name: exactly one wins (checked again at commit)', async () => {
    const results = await Promise.all([store.users.add('race', { password: 'pw1' }, 2),
      store.users.add('RACE', { password: 'pw2' }, 2)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'name-taken' });
  });

  it('an edit made while another is hashing keeps both changes', async () => {
    await store.users.add('jdoe', { password: 'pw123' }, 2);
    const slow = store.users.update('jdoe', { password: 'newpw' });
    const fast = store.users.update('jdoe', { groups: ['lab'] });
    await Promise.all([slow, fast]);
    const jdoe = store.users.get('jdoe');
    expect(jdoe?.groups).toEqual(['lab']);
    expect(await verifyPassword('newpw', jdoe?.passwordHash ?? null)).toBe(true);
  });

  it('records failed logins, locks, unlocks', async () => {
    await store.users.add('jdoe', { password: 'pw123' }, 2);
    const policy = lockoutPolicy(1);
    for (let i = 0; i < 4; i++) store.users.recordFailedLogin('jdoe', policy, 1000);
    expect(store.users.get('jdoe')?.lockout).toEqual({ failures: 4, lockedUntil: null });
    expect(store.users.recordFailedLogin('jdoe', policy, 1000)).toEqual({ failures: 5, lockedUntil: 1000 + 3_600_000 });
    expect(store.users.unlock('jdoe')).toBe(true);
    expect(store.users.get('jdoe')?.lockout).toEqual({ failures: 0, lockedUntil: null });
    expect(store.users.recordFailedLogin('ghost', policy, 1000)).toBeNull();
    expect(store.users.unlock('ghost')).toBe(false);
  });
});
