/**
 * E and N (SPEC §4): every connection on the port, monitors included, is preempted and every
 * other request on it refused; RU then connects alone.
 * Decided: preemption ends the old session ("preempted by <user>") and RU starts a new one, since
 * nobody of the old session remains.
 */
import { type Effects, notify, portAt, recordEvent, refuseAllPending, replacePort } from './edit.js';
import { type Applicant, grant } from './grant.js';
import type { BrokerState } from './types.js';

/** The caller checked that RU ranks at least as high as every holder, and removed RU's request. */
export function preempt(
  state: BrokerState, portNo: number, ru: Applicant, exclusive: boolean, now: number, fx: Effects,
): BrokerState {
  const port = portAt(state, portNo);
  // Only a port in use offers the choice, so it has a session.
  const session = port.session!;
  for (const victim of port.connections) {
    notify(fx, victim.connectionId, { kind: 'preempted', port: portNo, user: ru.user, level: ru.level });
    fx.push({ type: 'detach', connectionId: victim.connectionId, port: portNo, reason: 'preempted' });
  }
  refuseAllPending(fx, port, { kind: 'portInUse', port: portNo, user: ru.user });
  recordEvent(fx, session, portNo, 'preempted', ru.user, port.connections.map((c) => c.user).join(','));
  fx.push({ type: 'sessionEnded', sessionId: session.id, port: portNo, how: `preempted by ${ru.user}` });
  const cleared = { ...port, connections: [], pending: [], originator: null, session: null };
  return grant(replacePort(state, cleared), portNo, ru, exclusive, now, fx);
}
