/**
 * Ending other people's connections (SPEC §4, §5): USER LOGOUT and SESSION id END / PORT n
 * LOGOUT. Whether the actor may do this is checked by the caller (CLI rights, initiator or admin);
 * the broker only carries it out.
 */
import type { Notice } from '../notices.js';
import { type Effects, notify, recordEvent, refuseRequest, replacePort } from './edit.js';
import { portState } from './state.js';
import type { Actor, BrokerOutcome, BrokerState, PortState } from './types.js';

type Step = { state: BrokerState; outcome: BrokerOutcome };

/** SESSION id END: every connection gets `Session ended by <user>`, every request is refused. */
export function endSession(state: BrokerState, portNo: number, by: Actor, fx: Effects): Step {
  const port = portState(state, portNo);
  if (port === null || port.session === null) return { state, outcome: 'ignored' };
  return { state: endPort(state, port, by, null, `ended by ${by.user}`, fx), outcome: 'done' };
}

/**
 * USER LOGOUT: every connection and request of `user` ends with `Logged out by <actor>`. SPEC §4:
 * when the SO is logged out every connection on that port ends; decided: so does the session of
 * a port whose connections were all the user's (monitors only), its waiting requests refused.
 */
export function logoutUser(state: BrokerState, user: string, by: Actor, fx: Effects): Step {
  let next = state;
  let touched = false;
  for (const port of state.ports) {
    const victims = port.connections.filter((c) => c.user === user);
    const requests = port.pending.filter((r) => r.user === user);
    if (victims.length + requests.length === 0) continue;
    touched = true;
    const endsPort = victims.length === port.connections.length
      || victims.some((v) => v.connectionId === port.originator);
    next = endsPort
      ? endPort(next, port, by, user, `logged out by ${by.user}`, fx)
      : logOutOf(next, port, user, by, fx);
  }
  return { state: next, outcome: touched ? 'done' : 'ignored' };
}

/** `user`'s connections and requests leave a port whose SO stays: the others see them leave. */
function logOutOf(state: BrokerState, port: PortState, user: string, by: Actor, fx: Effects): BrokerState {
  const notice: Notice = { kind: 'loggedOut', user: by.user };
  for (const request of port.pending.filter((r) => r.user === user)) refuseRequest(fx, port.port, request, notice);
  const remaining = port.connections.filter((c) => c.user !== user);
  for (const victim of port.connections.filter((c) => c.user === user)) {
    notify(fx, victim.connectionId, notice);
    fx.push({ type: 'detach', connectionId: victim.connectionId, port: port.port, reason: 'logged-out' });
    for (const other of remaining) notify(fx, other.connectionId, { kind: 'left', port: port.port, user });
    recordEvent(fx, port.session!, port.port, 'left', user, `logged out by ${by.user}`);
  }
  return replacePort(state, {
    ...port, connections: remaining, pending: port.pending.filter((r) => r.user !== user),
  });
}

/**
 * Ends a whole port: connections of `loggedOut` (if any) get `Logged out by`, everyone else
 * `Session ended by`; requests are refused with the same notices; the session ends with `how`.
 */
function endPort(
  state: BrokerState, port: PortState, by: Actor, loggedOut: string | null, how: string, fx: Effects,
): BrokerState {
  const noticeFor = (user: string): Notice =>
    (user === loggedOut ? { kind: 'loggedOut', user: by.user } : { kind: 'sessionEnded', user: by.user });
  for (const c of port.connections) {
    notify(fx, c.connectionId, noticeFor(c.user));
    fx.push({
      type: 'detach', connectionId: c.connectionId, port: port.port,
      reason: c.user === loggedOut ? 'logged-out' : 'session-ended',
    });
  }
  for (const request of port.pending) refuseRequest(fx, port.port, request, noticeFor(request.user));
  // The port is in use (the callers check), so it has a session.
  const session = port.session!;
  recordEvent(fx, session, port.port, 'ended-by', by.user, how);
  fx.push({ type: 'sessionEnded', sessionId: session.id, port: port.port, how });
  return replacePort(state, { ...port, connections: [], pending: [], originator: null, session: null });
}
