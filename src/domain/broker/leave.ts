/**
 * A connection leaves its port, or abandons its request (SPEC §4, §5): the others are told, the
 * SO role passes on, and requests that depended on the leaver are never left hanging.
 */
import { putQuestion } from './approval.js';
import {
  type Effects, notify, portAt, recordEvent, refuseRequest, replacePort, withoutPending,
} from './edit.js';
import { announceOriginator, grant } from './grant.js';
import { limitNotice } from './holders.js';
import { connectionPort } from './state.js';
import type { BrokerOutcome, BrokerState, ConnectionId, PendingRequest, PortConnection, PortState } from './types.js';

type Step = { state: BrokerState; outcome: BrokerOutcome };

export function leave(state: BrokerState, id: ConnectionId, now: number, fx: Effects): Step {
  const portNo = connectionPort(state, id);
  if (portNo === null) return { state, outcome: 'ignored' };
  const port = portAt(state, portNo);
  const request = port.pending.find((r) => r.connectionId === id);
  if (request !== undefined) {
    // Abandoned (QUIT, socket closed): it still ends with `refuse`, so every request ends once.
    refuseRequest(fx, portNo, request, null);
    return { state: withoutPending(state, portNo, id), outcome: 'done' };
  }
  const leaver = port.connections.find((c) => c.connectionId === id)!;
  const remaining = port.connections.filter((c) => c.connectionId !== id);
  fx.push({ type: 'detach', connectionId: id, port: portNo, reason: 'left' });
  for (const other of remaining) notify(fx, other.connectionId, { kind: 'left', port: portNo, user: leaver.user });
  recordEvent(fx, port.session!, portNo, 'left', leaver.user);
  const next = replacePort(state, { ...port, connections: remaining });
  return { state: settleAfterDeparture(next, portNo, now, fx), outcome: 'done' };
}

/**
 * After a voluntary departure. Last connection gone: the session ends and the port's waiting
 * requests are granted at once, in order (decided: the port they wanted is free; a choice's E
 * becomes a plain connection; a request offered over a limit gets in only if there is room now).
 * SO gone: the longest-connected remaining rw connection becomes SO, everyone is told, and the
 * questions put to the old SO are put to the new one with a new deadline; with no rw connection
 * left nobody can answer, so those requests are granted at once.
 */
function settleAfterDeparture(state: BrokerState, portNo: number, now: number, fx: Effects): BrokerState {
  const port = portAt(state, portNo);
  if (port.connections.length === 0) return reopen(state, port, now, fx);
  const soLeft = port.originator !== null && !port.connections.some((c) => c.connectionId === port.originator);
  if (!soLeft) return state;
  const successor = port.connections.find((c) => c.mode === 'rw');
  if (successor === undefined) {
    const awaiting = port.pending.filter((r) => r.stage === 'awaiting-approval');
    return grantEach(replacePort(state, { ...port, originator: null }), portNo, awaiting, now, fx);
  }
  const updated: PortState = {
    ...port,
    originator: successor.connectionId,
    pending: port.pending.map((r) => (r.stage === 'awaiting-approval' ? reask(state, portNo, r, successor, now, fx) : r)),
  };
  announceOriginator(fx, updated, port.session!, successor.user);
  return replacePort(state, updated);
}

function reask(
  state: BrokerState, portNo: number, request: PendingRequest, so: PortConnection, now: number, fx: Effects,
): PendingRequest {
  const renewed = { ...request, askedOf: so.connectionId, deadline: now + state.queryTimeoutMs };
  fx.push({ type: 'cancelTimer', connectionId: request.connectionId });
  putQuestion(fx, portNo, renewed, so);
  return renewed;
}

function reopen(state: BrokerState, port: PortState, now: number, fx: Effects): BrokerState {
  const session = port.session!;
  fx.push({ type: 'sessionEnded', sessionId: session.id, port: port.port, how: 'last connection left' });
  const idle = replacePort(state, { ...port, session: null, originator: null });
  return grantEach(idle, port.port, port.pending, now, fx);
}

/** Grants the requests in order (each leaves the queue first, so the limits count it once). */
function grantEach(
  state: BrokerState, portNo: number, requests: readonly PendingRequest[], now: number, fx: Effects,
): BrokerState {
  let next = state;
  for (const request of requests) {
    next = withoutPending(next, portNo, request.connectionId);
    const limit = request.holdsPlace ? null : limitNotice(next, portAt(next, portNo));
    if (limit !== null) {
      refuseRequest(fx, portNo, request, limit);
      continue;
    }
    fx.push({ type: 'cancelTimer', connectionId: request.connectionId });
    next = grant(next, portNo, request, false, now, fx);
  }
  return next;
}
