import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { levelOf } from '../domain/rights.js';
import { bootstrapAdmin, INITIAL_PASSWORD_FILE } from './bootstrap.js';
import { verifyPassword } from './passwords.js';
import { openStore, type Store } from './store.js';

const LIMITS = { maxUsers: 64, groupsPerUser: 16 };
let root = '';
let store: Store;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccmd-boot-'));
  store = openStore(root, LIMITS);
});
afterEach(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

describe('bootstrapAdmin', () => {
  it('generates a password, writes it once to a 0600 file, and does nothing on the next start', async () => {
    const first = await bootstrapAdmin(store.users, { dataDir: root, adminPassword: undefined, now: 5 });
    const file = join(root, INITIAL_PASSWORD_FILE);
    expect(first).toEqual({ kind: 'created', user: 'Admin', passwordFrom: 'generated', passwordFile: file });
    expect(JSON.stringify(first)).not.toMatch(/[A-Za-z0-9]{16}/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password).toHaveLength(16);
    const admin = store.users.get('Admin');
    expect(admin && levelOf(admin.access)).toBe('APPLIANCEADMIN');
    expect(await verifyPassword(password, admin?.passwordHash ?? null)).toBe(true);

    const before = statSync(file).mtimeMs;
    store.close();
    store = openStore(root, LIMITS);
    expect(await bootstrapAdmin(store.users, { dataDir: root, adminPassword: undefined, now: 6 })).toEqual({ kind: 'existing' });
    expect(statSync(file).mtimeMs).toBe(before);
    expect(readFileSync(file, 'utf8').trim()).toBe(password);
  });

  it('takes CCMD_ADMIN_PASSWORD and writes no file', async () => {
    const r = await bootstrapAdmin(store.users, { dataDir: root, adminPassword: 'fromenv', now: 5 });
    expect(r).toEqual({ kind: 'created', user: 'Admin', passwordFrom: 'environment' });
    expect(existsSync(join(root, INITIAL_PASSWORD_FILE))).toBe(false);
    expect(await verifyPassword('fromenv', store.users.get('Admin')?.passwordHash ?? null)).toBe(true);
  });

  it('reports a CCMD_ADMIN_PASSWORD that breaks the rules, without echoing it', async () => {
    const r = await bootstrapAdmin(store.users, { dataDir: root, adminPassword: 'x', now: 5 });
    expect(r).toMatchObject({ kind: 'failed', message: expect.stringMatching(/^CCMD_ADMIN_PASSWORD: Password must be 3-16/) });
    expect(store.users.count()).toBe(0);
  });
});
