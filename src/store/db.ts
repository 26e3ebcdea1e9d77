/**
 * The SQLite file: `<data dir>/ccmd.db`, readable by the daemon's user only, in WAL mode with
 * `synchronous=FULL` so a change that `commit` returned from survives kill -9 and power loss
 * (each commit fsyncs the WAL). Migrations run at open, each inside a transaction.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

export const DB_FILE_NAME = 'ccmd.db';
const BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** Migrations to apply; the real list by default (tests pass their own). */
  readonly migrations?: readonly Migration[];
}

/**
 * Opens (creating when absent) the database in `dataDir`. A directory it creates gets mode 0700
 * (an existing one is left alone: it may be the user's own); the file is created 0600 and
 * tightened to 0600 if it exists wider. SQLite gives the -wal and -shm files the same mode.
 * Throws when the file cannot be opened or a migration fails: the daemon cannot run without it.
 */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DB_FILE_NAME);
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    applyMigrations(db, options.migrations ?? MIGRATIONS);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Versions already applied, ascending. */
export function appliedMigrations(db: Db): number[] {
  const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
  return rows.map((r) => r.version);
}

/** Applies, in order, every migration newer than the newest applied; each in one transaction. */
export function applyMigrations(db: Db, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const done = new Set(appliedMigrations(db));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of sorted) {
    if (done.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    })();
    applied.push(migration.version);
  }
  return applied;
}

export type IntegrityResult = { readonly ok: true } | { readonly ok: false; readonly problems: readonly string[] };

/** `PRAGMA integrity_check` plus `foreign_key_check`. */
export function integrityCheck(db: Db): IntegrityResult {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const f of fk) problems.push(`foreign key: ${f.table} row ${f.rowid} points to missing ${f.parent}`);
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
