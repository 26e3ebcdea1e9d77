/**
 * Carries the broker's session effects into the database (SPEC §5: sessions, their connections
 * and their history outlive the session), the daemon log and the port logs.
 *
 * Contract: never throws into the broker loop. A store failure (disk full, database closed) is
 * logged and the rest of the effect still reaches the log and the port-log marks. Device data is
 * never logged here; only who did what, when.
 */
import type { BrokerEffect, ConnectionId } from '../domain/broker/types.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { ClientInfo } from '../transports/terminal.js';
import type { PortLink, PortParticipant, SessionRecorder } from './appliance.js';

/** Where attach, detach and preempt events are marked (the port logs, `PortLog.mark`). */
export interface PortLogMarks {
  mark(port: number, text: string): void;
}

/**
 * A participant that can say where it came from. `LoginConnection` carries its terminal's
 * `ClientInfo`; a participant without one is recorded as the console with no address.
 */
export interface ClientDescribed {
  readonly client: ClientInfo;
}

const UNKNOWN_CLIENT: ClientInfo = { method: 'console', address: '', remotePort: 0, host: '', listener: '' };

function clientOf(participant: PortParticipant): ClientInfo {
  const candidate = (participant as Partial<ClientDescribed>).client;
  return candidate !== undefined && typeof candidate === 'object' ? candidate : UNKNOWN_CLIENT;
}

type Started = Extract<BrokerEffect, { type: 'sessionStarted' }>;
type Event = Extract<BrokerEffect, { type: 'sessionEvent' }>;
type Ended = Extract<BrokerEffect, { type: 'sessionEnded' }>;

/** What the recorder remembers of a granted connection until it is detached. */
interface Attached {
  readonly sessionId: string;
  readonly user: string;
}

export class StoreSessionRecorder implements SessionRecorder {
  /** The running session of each port (set by sessionStarted, cleared by sessionEnded). */
  private readonly portSessions = new Map<number, string>();
  private readonly attached = new Map<ConnectionId, Attached>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly marks: PortLogMarks | null = null,
  ) {}

  sessionStarted(effect: Started, _at: number): void {
    const { session, port } = effect;
    this.portSessions.set(port, session.id);
    this.logger.info({ sessionId: session.id, port, initiator: session.initiator }, 'session started');
    this.persist('create session', () => {
      if (!this.store.sessions.create({ id: session.id, port, initiator: session.initiator, createdAt: session.createdAt, access: session.access })) {
        this.logger.warn({ sessionId: session.id }, 'session id already recorded');
      }
    });
  }

  sessionEvent(effect: Event, at: number): void {
    const { sessionId, port, event, user } = effect;
    const detail = effect.detail ?? null;
    this.logger.info({ sessionId, port, event, user, detail }, 'session event');
    this.persist('record session event', () => {
      this.store.sessions.addEvent({ sessionId, at, event, user, detail });
      // SESSION id SET ACCESS= is kept on the session row too, so SHOW SESSION of an ended session shows it.
      if (event === 'access-changed' && (detail === 'PUBLIC' || detail === 'PRIVATE')) {
        this.store.sessions.setAccess(sessionId, detail);
      }
    });
    if (event === 'preempted') this.mark(port, `preempted by ${user}${detail === null ? '' : ` (was ${detail})`}`);
  }

  sessionEnded(effect: Ended, at: number): void {
    const { sessionId, port, how } = effect;
    if (this.portSessions.get(port) === sessionId) this.portSessions.delete(port);
    this.logger.info({ sessionId, port, how }, 'session ended');
    this.persist('end session', () => {
      this.store.sessions.end(sessionId, at, how);
    });
  }

  connectionAttached(id: ConnectionId, port: number, participant: PortParticipant, link: PortLink, at: number): void {
    const client = clientOf(participant);
    const sessionId = this.portSessions.get(port);
    this.logger.info({ connectionId: id, port, sessionId, user: participant.user, method: client.method,
      address: client.address, listener: client.listener, mode: link.mode, exclusive: link.exclusive }, 'connection attached');
    const how = `${client.method}, ${link.mode}${link.exclusive ? ', exclusive' : ''}`;
    this.mark(port, `${participant.user} attached (${how})`);
    if (sessionId === undefined) {
      // The broker starts a session before its first attach; this would be a wiring bug.
      this.logger.error({ connectionId: id, port }, 'connection attached to a port without a session');
      return;
    }
    this.attached.set(id, { sessionId, user: participant.user });
    this.persist('record connection', () => {
      this.store.sessions.addConnection({
        sessionId, connectionId: id, user: participant.user, method: client.method, clientHost: client.host,
        address: client.address, listener: client.listener, mode: link.mode, exclusive: link.exclusive, joinedAt: at,
      });
    });
  }

  connectionDetached(id: ConnectionId, port: number, at: number): void {
    const known = this.attached.get(id);
    this.attached.delete(id);
    if (known === undefined) return;
    this.logger.info({ connectionId: id, port, sessionId: known.sessionId, user: known.user }, 'connection detached');
    this.mark(port, `${known.user} detached`);
    this.persist('record connection left', () => {
      this.store.sessions.connectionLeft(known.sessionId, id, at);
    });
  }

  private mark(port: number, text: string): void {
    if (this.marks === null) return;
    try {
      this.marks.mark(port, text);
    } catch (err) {
      this.logger.error({ err, port }, 'port log mark failed');
    }
  }

  /** Runs one store write; a failure is logged, never thrown (the broker loop must go on). */
  private persist(what: string, write: () => void): void {
    try {
      write();
    } catch (err) {
      this.logger.error({ err }, `could not ${what}`);
    }
  }
}
