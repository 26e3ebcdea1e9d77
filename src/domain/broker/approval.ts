/**
 * Asking the SO (SPEC §4 QUERY): the question, the SO's Y/N, and the deadline that counts as no.
 */
import { type Effects, notify, portAt, recordEvent, refuseRequest, replacePort, withoutPending } from './edit.js';
import { type Applicant, grant } from './grant.js';
import { connectionPort, findPending, soConnection } from './state.js';
import type { BrokerOutcome, BrokerState, ConnectionId, PendingRequest, PortConnection } from './types.js';

type Step = { state: BrokerState; outcome: BrokerOutcome };

/**
 * Puts `who` in the queue awaiting `so`'s answer (a new place, appended: the SO answers questions
 * in the order they were put). The caller checked the limits and cancelled any earlier timer.
 */
export function ask(
  state: BrokerState, portNo: number, who: Applicant, so: PortConnection, now: number, fx: Effects,
): BrokerState {
  const port = portAt(state, portNo);
  const request: PendingRequest = {
    connectionId: who.connectionId, user: who.user, level: who.level, mode: who.mode,
    stage: 'awaiting-approval', options: [], askedOf: so.connectionId,
    deadline: now + state.queryTimeoutMs, holdsPlace: true,
  };
  putQuestion(fx, portNo, request, so);
  // The port is in use, so it has a session.
  recordEvent(fx, port.session!, portNo, 'share-requested', who.user);
  return replacePort(state, { ...port, pending: [...port.pending, request] });
}

/** The effects of one question: RU waits, the SO is asked, the deadline starts. */
export function putQuestion(fx: Effects, portNo: number, request: PendingRequest, so: PortConnection): void {
  const ru = request.connectionId;
  notify(fx, ru, { kind: 'waitingForApproval', port: portNo, user: so.user });
  notify(fx, so.connectionId, { kind: 'shareQuery', port: portNo, user: request.user, level: request.level });
  fx.push({ type: 'awaitApproval', connectionId: ru },
    { type: 'awaitAnswer', originator: so.connectionId, requester: ru },
    { type: 'startTimer', connectionId: ru, deadline: request.deadline });
}

/** The SO's Y/N answers the oldest request awaiting that SO; anything else is ignored. */
export function answer(state: BrokerState, soId: ConnectionId, allow: boolean, now: number, fx: Effects): Step {
  const portNo = connectionPort(state, soId);
  if (portNo === null) return { state, outcome: 'ignored' };
  const port = portAt(state, portNo);
  const request = port.pending.find((r) => r.stage === 'awaiting-approval' && r.askedOf === soId);
  if (request === undefined) return { state, outcome: 'ignored' };
  // Requests are only ever asked of the current SO (invariants.ts), so soId is the SO.
  const so = soConnection(port)!;
  const next = withoutPending(state, portNo, request.connectionId);
  const session = port.session!;
  if (allow) {
    recordEvent(fx, session, portNo, 'approved', so.user, request.user);
    fx.push({ type: 'cancelTimer', connectionId: request.connectionId });
    return { state: grant(next, portNo, request, false, now, fx), outcome: 'done' };
  }
  recordEvent(fx, session, portNo, 'refused', so.user, request.user);
  refuseRequest(fx, portNo, request, { kind: 'shareRefused', user: so.user });
  return { state: next, outcome: 'done' };
}

/**
 * A request's deadline passed: awaiting approval counts as no (`Share request timed out`),
 * choosing counts as D. A timer for a request that is gone or not yet due is stale: ignored.
 */
export function queryTimedOut(state: BrokerState, id: ConnectionId, now: number, fx: Effects): Step {
  const request = findPending(state, id);
  if (request === null || now < request.deadline) return { state, outcome: 'ignored' };
  const portNo = connectionPort(state, id)!;
  const next = withoutPending(state, portNo, id);
  if (request.stage === 'choosing') {
    refuseRequest(fx, portNo, request, null);
    return { state: next, outcome: 'done' };
  }
  recordEvent(fx, portAt(state, portNo).session!, portNo, 'timed-out', request.user);
  refuseRequest(fx, portNo, request, { kind: 'shareTimedOut' });
  return { state: next, outcome: 'done' };
}
