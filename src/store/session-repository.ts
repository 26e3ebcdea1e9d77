/**
 * Port sessions and their history (SPEC §5), kept after the session ends. Session ids are
 * `S<n>` with n from the `next_session` counter, which only moves forward, so an id is never
 * used twice, across restarts included (SPEC §9).
 */
import type { ConnectionMode, SessionEventKind } from '../domain/broker/types.js';
import type { SessionAccess } from '../domain/share.js';
import type { AccessMethod } from '../transports/terminal.js';
import type { Db } from './db.js';

export interface SessionRecord {
  readonly id: string;
  readonly port: number;
  readonly initiator: string;
  readonly createdAt: number;
  /** null while the session runs. */
  readonly endedAt: number | null;
  /** How it ended, e.g. `last-left`, `ended-by alice`, `daemon-stopped`. */
  readonly howEnded: string | null;
  readonly access: SessionAccess;
}

export interface ConnectionRecord {
  readonly sessionId: string;
  readonly connectionId: number;
  readonly user: string;
  readonly method: AccessMethod;
  readonly clientHost: string;
  readonly address: string;
  readonly listener: string;
  readonly mode: ConnectionMode;
  readonly exclusive: boolean;
  readonly joinedAt: number;
  readonly leftAt: number | null;
}

export interface SessionEventRecord {
  readonly sessionId: string;
  readonly at: number;
  readonly event: SessionEventKind;
  readonly user: string;
  readonly detail: string | null;
}

/** `S12` → 12; null for anything else. */
export function sessionNumber(id: string): number | null {
  const m = /^S([1-9][0-9]*)$/.exec(id);
  return m === null ? null : Number(m[1]);
}

export function sessionId(n: number): string {
  return `S${n}`;
}

interface SessionRow {
  id: string; port: number; initiator: string; created_at: number; ended_at: number | null;
  how_ended: string | null; access: string;
}
interface ConnectionRow {
  session_id: string; connection_id: number; user: string; method: string; client_host: string;
  address: string; listener: string; mode: string; exclusive: number; joined_at: number; left_at: number | null;
}
interface EventRow { session_id: string; at: number; event: string; user: string; detail: string | null }

function sessionFromRow(r: SessionRow): SessionRecord {
  return { id: r.id, port: r.port, initiator: r.initiator, createdAt: r.created_at, endedAt: r.ended_at,
    howEnded: r.how_ended, access: r.access as SessionAccess };
}

function connectionFromRow(r: ConnectionRow): ConnectionRecord {
  return { sessionId: r.session_id, connectionId: r.connection_id, user: r.user, method: r.method as AccessMethod,
    clientHost: r.client_host, address: r.address, listener: r.listener, mode: r.mode as ConnectionMode,
    exclusive: r.exclusive === 1, joinedAt: r.joined_at, leftAt: r.left_at };
}

function eventFromRow(r: EventRow): SessionEventRecord {
  return { sessionId: r.session_id, at: r.at, event: r.event as SessionEventKind, user: r.user, detail: r.detail };
}

export class SessionRepository {
  private readonly readCounter;
  private readonly raiseCounter;
  private readonly insertSession;
  private readonly endSession;
  private readonly updateAccess;
  private readonly selectSession;
  private readonly selectRecent;
  private readonly insertConnection;
  private readonly connectionLeftStmt;
  private readonly selectConnections;
  private readonly insertEvent;
  private readonly selectEvents;
  private readonly endDangling;

  constructor(private readonly db: Db) {
    this.readCounter = db.prepare<[], { value: number }>("SELECT value FROM counters WHERE name = 'next_session'");
    this.raiseCounter = db.prepare("UPDATE counters SET value = max(value, ?) WHERE name = 'next_session'");
    this.insertSession = db.prepare(`INSERT INTO sessions (id, number, port, initiator, created_at, access)
      VALUES (?, ?, ?, ?, ?, ?)`);
    this.endSession = db.prepare('UPDATE sessions SET ended_at = ?, how_ended = ? WHERE id = ? AND ended_at IS NULL');
    this.updateAccess = db.prepare('UPDATE sessions SET access = ? WHERE id = ?');
    this.selectSession = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?');
    this.selectRecent = db.prepare<[number], SessionRow>('SELECT * FROM sessions ORDER BY number DESC LIMIT ?');
    this.insertConnection = db.prepare(`INSERT INTO session_connections (session_id, connection_id, user, method,
      client_host, address, listener, mode, exclusive, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.connectionLeftStmt = db.prepare(`UPDATE session_connections SET left_at = ?
      WHERE session_id = ? AND connection_id = ? AND left_at IS NULL`);
    this.selectConnections = db.prepare<[string], ConnectionRow>(
      'SELECT * FROM session_connections WHERE session_id = ? ORDER BY id');
    this.insertEvent = db.prepare('INSERT INTO session_events (session_id, at, event, user, detail) VALUES (?, ?, ?, ?, ?)');
    this.selectEvents = db.prepare<[string], EventRow>('SELECT * FROM session_events WHERE session_id = ? ORDER BY id');
    this.endDangling = db.prepare('UPDATE sessions SET ended_at = ?, how_ended = ? WHERE ended_at IS NULL');
  }

  /** The number the next session gets: seed `BrokerState.nextSessionNumber` from this. */
  nextSessionNumber(): number {
    return this.readCounter.get()?.value ?? 1;
  }

  /**
   * Records a session the broker started (`sessionStarted` effect) and moves the counter past
   * its number in the same transaction. Returns false if the id is malformed or already used.
   */
  create(session: { id: string; port: number; initiator: string; createdAt: number; access: SessionAccess }): boolean {
    const n = sessionNumber(session.id);
    if (n === null) return false;
    return this.db.transaction(() => {
      if (this.selectSession.get(session.id) !== undefined) return false;
      this.insertSession.run(session.id, n, session.port, session.initiator, session.createdAt, session.access);
      this.raiseCounter.run(n + 1);
      return true;
    })();
  }

  /** Marks a running session ended; false when unknown or already ended. */
  end(id: string, endedAt: number, how: string): boolean {
    return this.endSession.run(endedAt, how, id).changes > 0;
  }

  setAccess(id: string, access: SessionAccess): boolean {
    return this.updateAccess.run(access, id).changes > 0;
  }

  /**
   * At start-up: sessions left running by a crash or kill are ended with `how` (e.g.
   * `daemon-stopped`), so the list never shows a session nobody can be in. Returns how many.
   */
  endAllRunning(at: number, how: string): number {
    return this.endDangling.run(at, how).changes;
  }

  get(id: string): SessionRecord | null {
    const row = this.selectSession.get(id);
    return row === undefined ? null : sessionFromRow(row);
  }

  /** The newest sessions first. */
  recent(limit = 100): SessionRecord[] {
    return this.selectRecent.all(limit).map(sessionFromRow);
  }

  addConnection(c: Omit<ConnectionRecord, 'leftAt'>): void {
    this.insertConnection.run(c.sessionId, c.connectionId, c.user, c.method, c.clientHost, c.address, c.listener,
      c.mode, c.exclusive ? 1 : 0, c.joinedAt);
  }

  connectionLeft(sessionId: string, connectionId: number, at: number): boolean {
    return this.connectionLeftStmt.run(at, sessionId, connectionId).changes > 0;
  }

  connections(sessionId: string): ConnectionRecord[] {
    return this.selectConnections.all(sessionId).map(connectionFromRow);
  }

  addEvent(e: { sessionId: string; at: number; event: SessionEventKind; user: string; detail?: string | null }): void {
    this.insertEvent.run(e.sessionId, e.at, e.event, e.user, e.detail ?? null);
  }

  /** SHOW SESSION id HISTORY: every event, oldest first. */
  history(sessionId: string): SessionEventRecord[] {
    return this.selectEvents.all(sessionId).map(eventFromRow);
  }
}
