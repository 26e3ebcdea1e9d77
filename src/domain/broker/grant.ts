/**
 * Granting a connection (SPEC §4/§5): the first connection on an idle port starts a session; a
 * later one joins it. The first rw connection is the SO.
 */
import type { Level } from '../levels.js';
import { type Effects, notify, portAt, recordEvent, replacePort } from './edit.js';
import type { BrokerState, ConnectionId, ConnectionMode, PortConnection, PortSession, PortState } from './types.js';

/** Whoever is being granted: a new request or a pending one. */
export interface Applicant {
  readonly connectionId: ConnectionId;
  readonly user: string;
  readonly level: Level;
  readonly mode: ConnectionMode;
}

/**
 * Grants `who` a connection on `portNo` (the caller checked the rules and the limits, and
 * cancelled any timer). Effects: session start or `joined` event, `attach`, `connected` to RU,
 * `joined` to the others, and `newOriginator` to all when RU becomes SO of a port that so far
 * had only monitors.
 */
export function grant(
  state: BrokerState, portNo: number, who: Applicant, exclusive: boolean, now: number, fx: Effects,
): BrokerState {
  const port = portAt(state, portNo);
  let next = state;
  let session = port.session;
  if (session === null) {
    session = { id: `S${state.nextSessionNumber}`, initiator: who.user, createdAt: now, access: 'PUBLIC' };
    next = { ...state, nextSessionNumber: state.nextSessionNumber + 1 };
    fx.push({ type: 'sessionStarted', port: portNo, session });
    recordEvent(fx, session, portNo, 'created', who.user);
  } else {
    recordEvent(fx, session, portNo, 'joined', who.user);
  }
  const connection: PortConnection = {
    connectionId: who.connectionId, user: who.user, level: who.level, mode: who.mode, exclusive, joinedAt: now,
  };
  const others = port.connections;
  const becomesOriginator = port.originator === null && who.mode === 'rw';
  const updated: PortState = {
    ...port,
    session,
    connections: [...others, connection],
    originator: becomesOriginator ? who.connectionId : port.originator,
  };
  fx.push({ type: 'attach', connectionId: who.connectionId, port: portNo, mode: who.mode, exclusive });
  notify(fx, who.connectionId, { kind: 'connected', port: portNo, exclusive, sharedWith: others.length });
  for (const other of others) notify(fx, other.connectionId, { kind: 'joined', port: portNo, user: who.user });
  if (becomesOriginator && others.length > 0) announceOriginator(fx, updated, session, who.user);
  return replacePort(next, updated);
}

/** SPEC §4: "everyone is told" who the SO is now; recorded as `originator-changed`. */
export function announceOriginator(fx: Effects, port: PortState, session: PortSession, user: string): void {
  for (const c of port.connections) notify(fx, c.connectionId, { kind: 'newOriginator', port: port.port, user });
  recordEvent(fx, session, port.port, 'originator-changed', user);
}
