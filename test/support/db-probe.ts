/**
 * Reads a daemon's database READ-ONLY while it runs or after it died (WAL lets a reader in beside
 * the writer), so tests can check what the daemon committed without any debug hook.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type ReadOnlyDb = Database.Database;

export function openReadOnly(dataDir: string): ReadOnlyDb {
  const db = new Database(join(dataDir, 'ccmd.db'), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 2000');
  return db;
}

/** Port connections the daemon has recorded as joined and not yet left, per port. */
export function liveConnectionsByPort(db: ReadOnlyDb): Map<number, number> {
  const rows = db.prepare(`SELECT s.port AS port, count(*) AS n FROM session_connections c
    JOIN sessions s ON s.id = c.session_id WHERE c.left_at IS NULL AND s.ended_at IS NULL GROUP BY s.port`)
    .all() as { port: number; n: number }[];
  return new Map(rows.map((r) => [r.port, r.n]));
}

/** Every connection ever recorded: user, port, and when it joined and left. */
export function recordedConnections(db: ReadOnlyDb): { user: string; port: number; joinedAt: number; leftAt: number | null; sessionId: string }[] {
  return db.prepare(`SELECT c.user AS user, s.port AS port, c.joined_at AS joinedAt, c.left_at AS leftAt, s.id AS sessionId
    FROM session_connections c JOIN sessions s ON s.id = c.session_id ORDER BY c.id`).all() as never;
}

/** `PRAGMA integrity_check` rows that are not `ok` (empty: the file is sound). */
export function integrityProblems(db: ReadOnlyDb): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
}
