/**
 * Port sessions as a service (SPEC §5, §6: SHOW SESSIONS, SHOW SESSION <id> [HISTORY],
 * SESSION <id> END, SESSION <id> SET ACCESS=). Reads return the plain objects `--json` prints;
 * a session on a port the actor may not see is reported as unknown, as the list hides it too;
 * only the initiator or an administrator may end or restrict a session.
 */
import { heldExclusively } from '../domain/broker/holders.js';
import type { PortSession, PortState } from '../domain/broker/types.js';
import type { SessionAccess } from '../domain/share.js';
import { sessionNumber, type SessionRecord } from '../store/session-repository.js';
import { audit, mayManageSession, sessionVisibility } from './access.js';
import type { ApplianceRuntime } from './runtime.js';
import { isoUtc, portStatus, portUsers, type PortStatusSummary, type PortUser } from './session-status.js';
import { refuse, type Actor, type Outcome } from './types.js';

/** One row of SHOW SESSIONS. */
export interface SessionsRow {
  readonly port: number;
  readonly name: string | null;
  readonly status: PortStatusSummary['status'];
  readonly pendingFor: PortStatusSummary['pendingFor'];
  readonly remainingSeconds: number | null;
  readonly session: string | null;
  readonly initiator: string | null;
  readonly users: readonly PortUser[];
  readonly durationSeconds: number | null;
  readonly access: 'PUBLIC' | 'PRIVATE' | null;
  readonly exclusive: boolean;
}

/** SHOW SESSION <id>: the information view. */
export interface SessionInfo {
  readonly id: string;
  readonly port: number;
  readonly name: string | null;
  readonly status: 'Active' | 'Inactive' | 'Pending' | 'Ended';
  /** Seconds left while Pending (request deadline or device retry), else null. */
  readonly remainingSeconds: number | null;
  readonly initiator: string;
  readonly createdAt: string;
  readonly endedAt: string | null;
  readonly howEnded: string | null;
  readonly durationSeconds: number;
  readonly access: 'PUBLIC' | 'PRIVATE';
  /** Running: a connection holds the port exclusively now. Ended: one did at some point. */
  readonly exclusive: boolean;
  readonly connections: readonly {
    user: string; method: string; host: string; address: string; listener: string; mode: string;
    exclusive: boolean; joinedAt: string; leftAt: string | null;
  }[];
}

/** SHOW SESSION <id> HISTORY: every event, oldest first. */
export interface SessionHistory {
  readonly id: string;
  readonly port: number;
  readonly events: readonly { at: string; event: string; user: string; detail: string | null }[];
}

/** A session as found: running on a port (`live`), and/or its database record. */
interface FoundSession {
  readonly id: string;
  readonly live: { readonly port: PortState; readonly session: PortSession } | null;
  readonly record: SessionRecord | null;
  readonly port: number;
}

export class SessionService {
  constructor(private readonly app: ApplianceRuntime) {}

  /** SHOW SESSIONS [BUSY]: one row per port the actor may see; `busy` keeps sessions and Pending. */
  list(actor: Actor, options: { readonly busy?: boolean } = {}): SessionsRow[] {
    const visible = sessionVisibility(this.app, actor);
    return this.app.broker().ports
      .filter((p) => visible(p.port))
      .map((p) => this.row(p))
      .filter((r) => options.busy !== true || r.session !== null || r.status === 'Pending');
  }

  /** SHOW SESSION <id>: running sessions from the broker and the database, ended ones from the database. */
  info(actor: Actor, id: string): Outcome<{ session: SessionInfo }> {
    const found = this.find(actor, id);
    if (!('live' in found)) return found;
    const { live } = found;
    const now = this.app.now();
    const connections = this.app.store.sessions.connections(found.id);
    const facts = live !== null
      ? { ...live.session, endedAt: null, howEnded: null, status: this.status(live.port), exclusive: heldExclusively(live.port) }
      : { ...found.record!, status: null, exclusive: connections.some((c) => c.exclusive) };
    const endedAt = live === null ? (facts.endedAt ?? now) : null;
    return {
      ok: true,
      session: {
        id: found.id, port: found.port, name: this.app.portName(found.port),
        status: facts.status?.status ?? 'Ended', remainingSeconds: facts.status?.remainingSeconds ?? null,
        initiator: facts.initiator, createdAt: isoUtc(facts.createdAt),
        endedAt: endedAt === null ? null : isoUtc(endedAt), howEnded: facts.howEnded,
        durationSeconds: Math.floor(((endedAt ?? now) - facts.createdAt) / 1000),
        access: facts.access, exclusive: facts.exclusive,
        connections: connections.map((c) => ({
          user: c.user, method: c.method, host: c.clientHost, address: c.address, listener: c.listener, mode: c.mode,
          exclusive: c.exclusive, joinedAt: isoUtc(c.joinedAt), leftAt: c.leftAt === null ? null : isoUtc(c.leftAt),
        })),
      },
    };
  }

  /** SHOW SESSION <id> HISTORY. */
  history(actor: Actor, id: string): Outcome<{ history: SessionHistory }> {
    const found = this.find(actor, id);
    if (!('live' in found)) return found;
    const events = this.app.store.sessions.history(found.id).map((e) => ({ at: isoUtc(e.at), event: e.event, user: e.user, detail: e.detail }));
    return { ok: true, history: { id: found.id, port: found.port, events } };
  }

  /**
   * SESSION <id> END: the initiator or an administrator ends a running session; the broker tells
   * every connection `Session ended by <user>` and drops it (SPEC §4, §7).
   */
  end(actor: Actor, id: string): Outcome<{ id: string; port: number }> {
    const running = this.running(actor, id);
    if (!('session' in running)) return running;
    const port = running.port.port;
    this.app.dispatch({ type: 'endSession', port, by: { user: actor.user, level: actor.level } });
    audit(this.app, actor, 'SESSION END', `${running.session.id} port ${port}`);
    return { ok: true, id: running.session.id, port };
  }

  /**
   * SESSION <id> SET ACCESS=: PRIVATE admits only the initiator and administrators from then on.
   * The broker records `access-changed`; the row is written here too so the change is kept even
   * if the history write is what failed.
   */
  setAccess(actor: Actor, id: string, access: SessionAccess): Outcome<{ id: string; access: SessionAccess }> {
    if (access !== 'PUBLIC' && access !== 'PRIVATE') return refuse('invalidValue', 'ACCESS expected PUBLIC|PRIVATE', 'access');
    const running = this.running(actor, id);
    if (!('session' in running)) return running;
    const sessionId = running.session.id;
    this.app.dispatch({ type: 'setAccess', port: running.port.port, access, by: { user: actor.user, level: actor.level } });
    try {
      this.app.store.sessions.setAccess(sessionId, access);
    } catch {
      return refuse('storeFailure', `access of ${sessionId} is ${access} until it ends`);
    }
    audit(this.app, actor, 'SESSION SET', `${sessionId} ACCESS=${access}`);
    return { ok: true, id: sessionId, access };
  }

  private status(port: PortState): PortStatusSummary {
    return portStatus(port, this.app.port(port.port).status(), this.app.now());
  }

  private row(port: PortState): SessionsRow {
    const status = this.status(port);
    const session = port.session;
    return {
      port: port.port, name: this.app.portName(port.port),
      status: status.status, pendingFor: status.pendingFor, remainingSeconds: status.remainingSeconds,
      session: session?.id ?? null, initiator: session?.initiator ?? null, users: portUsers(port),
      durationSeconds: session === null ? null : Math.max(0, Math.floor((this.app.now() - session.createdAt) / 1000)),
      access: session?.access ?? null, exclusive: heldExclusively(port),
    };
  }

  /**
   * `S<n>` (the `S` in any case, or left out: `SHOW SESSION 1` is what a user reading the
   * sessions list types, decided) running in the broker or in the database, on a port the actor sees.
   */
  private find(actor: Actor, typed: string): FoundSession | Outcome<never> {
    const id = `S${typed.replace(/^[sS]/, '')}`;
    const unknown = refuse('noSuchSession', undefined, 'id');
    if (sessionNumber(id) === null) return unknown;
    const port = this.app.broker().ports.find((p) => p.session?.id === id);
    const record = this.app.store.sessions.get(id);
    const found: FoundSession | null = port !== undefined && port.session !== null
      ? { id, live: { port, session: port.session }, record, port: port.port }
      : record === null ? null : { id, live: null, record, port: record.port };
    if (found === null || !sessionVisibility(this.app, actor)(found.port)) return unknown;
    return found;
  }

  /** A running session the actor may manage; `Session has ended` when it is over. */
  private running(actor: Actor, id: string): { port: PortState; session: PortSession } | Outcome<never> {
    const found = this.find(actor, id);
    if (!('live' in found)) return found;
    if (found.live === null) return refuse('sessionHasEnded', found.id, 'id');
    return mayManageSession(actor, found.live.session.initiator) ?? found.live;
  }
}
