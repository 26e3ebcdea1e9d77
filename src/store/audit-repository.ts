/**
 * The `audit_log` table: who changed what, from where (user database, port and server
 * settings, session ends). Written by the command layer after a change commits.
 */
import type { Db } from './db.js';

export interface AuditEntry {
  readonly at: number;
  readonly user: string;
  /** Where the actor came from: `ssh 10.0.0.5`, `telnet 127.0.0.1`, `console`. */
  readonly from: string;
  /** The command, e.g. `USER ADD`. Never holds a password. */
  readonly action: string;
  readonly detail: string | null;
}

export interface StoredAuditEntry extends AuditEntry {
  readonly id: number;
}

interface AuditRow { id: number; at: number; user: string; origin: string; action: string; detail: string | null }

export class AuditRepository {
  private readonly insert;
  private readonly selectRecent;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO audit_log (at, user, origin, action, detail) VALUES (?, ?, ?, ?, ?)');
    this.selectRecent = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  }

  /** Appends one entry; returns its id. */
  record(entry: AuditEntry): number {
    return Number(this.insert.run(entry.at, entry.user, entry.from, entry.action, entry.detail).lastInsertRowid);
  }

  /** The newest entries first. */
  recent(limit = 100): StoredAuditEntry[] {
    return this.selectRecent.all(limit).map((r) => ({
      id: r.id, at: r.at, user: r.user, from: r.origin, action: r.action, detail: r.detail,
    }));
  }
}
