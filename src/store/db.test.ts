import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLIANCEADMIN_ACCESS } from '../domain/rights.js';
import { appliedMigrations, DB_FILE_NAME, integrityCheck, openDatabase } from './db.js';
import { MIGRATIONS } from './migrations/index.js';
import { openStore } from './store.js';

let root = '';
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'ccmd-db-')); });
afterEach(() => rmSync(root, { recursive: true, force: true }));

const LIMITS = { maxUsers: 64, groupsPerUser: 16 };

describe('openDatabase', () => {
  it('creates the data dir 0700 and the file 0600, in WAL with synchronous=FULL', () => {
    const dataDir = join(root, 'data');
    const db = openDatabase(dataDir);
    try {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, DB_FILE_NAME)).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, `${DB_FILE_NAME}-wal`)).mode & 0o077).toBe(0);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      db.close();
    }
  });

  it('tightens an existing world-readable file to 0600', () => {
    openDatabase(root).close();
    const file = join(root, DB_FILE_NAME);
    chmodSync(file, 0o644);
    openDatabase(root).close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('applies every migration on an empty file, in order, and re-opening applies none', () => {
    const db = openDatabase(root);
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((m) => m.version));
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as
      { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['users', 'port_settings', 'server_settings', 'port_groups',
      'sessions', 'session_connections', 'session_events', 'audit_log', 'counters', 'schema_migrations']));
    db.close();
    const again = openDatabase(root);
    expect(appliedMigrations(again)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(integrityCheck(again)).toEqual({ ok: true });
    again.close();
  });

  it('applies only newer migrations, each in a transaction', () => {
    openDatabase(root).close();
    const extra = { version: 1000, name: 'extra', sql: 'CREATE TABLE extra (x INTEGER) STRICT;' };
    const broken = { version: 1001, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); SELECT nonsense FROM nowhere;' };
    expect(() => openDatabase(root, { migrations: [...MIGRATIONS, extra, broken] })).toThrow(/nowhere/);
    const db = openDatabase(root, { migrations: [...MIGRATIONS, extra] });
    expect(appliedMigrations(db)).toEqual([...MIGRATIONS.map((m) => m.version), 1000]);
    // The broken migration's first statement was rolled back with it.
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('keeps data across close and re-open', async () => {
    const store = openStore(root, LIMITS);
    const added = await store.users.add('Admin', { password: 'adminpw', access: APPLIANCEADMIN_ACCESS }, 1000);
    expect(added.ok).toBe(true);
    store.audit.record({ at: 1, user: 'Admin', from: 'console', action: 'TEST', detail: null });
    store.server.set({ lockoutHours: 3 });
    store.close();
    const reopened = openStore(root, LIMITS);
    expect(reopened.users.get('Admin')?.createdAt).toBe(1000);
    expect(reopened.audit.recent()).toHaveLength(1);
    expect(reopened.server.get().lockoutHours).toBe(3);
    reopened.close();
  });

  it('integrityCheck reports a broken foreign key', () => {
    const db = openDatabase(root);
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO session_events (session_id, at, event, user) VALUES ('S99', 1, 'created', 'x')").run();
    const result = integrityCheck(db);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/session_events/);
    db.close();
  });

  it('commits each change on its own under synchronous=FULL: every row is there after close', () => {
    // Issue 13: this used to log the cost of FULL against NORMAL; that figure belongs to a
    // benchmark. What holds: FULL stays set for the connection and every autocommit persists.
    const db = openDatabase(root);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    const insert = db.prepare('INSERT INTO audit_log (at, user, origin, action) VALUES (?, ?, ?, ?)');
    const commits = 200;
    for (let i = 0; i < commits; i++) insert.run(i, 'u', 'o', 'a');
    db.close();
    const check = new Database(join(root, DB_FILE_NAME), { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: commits });
    check.close();
  });
});
