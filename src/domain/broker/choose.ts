/**
 * The E/N/S/D dialogue (SPEC §4): offering it, and carrying out RU's key.
 */
import { compareLevels } from '../levels.js';
import type { Choice } from '../share.js';
import { ask } from './approval.js';
import { type Effects, notify, portAt, refuseRequest, replacePort, withoutPending } from './edit.js';
import { type Applicant, grant } from './grant.js';
import { highestHolder, namedHolder, portShareMode } from './holders.js';
import { preempt } from './preempt.js';
import { connectionPort, findPending, soConnection } from './state.js';
import type { BrokerOutcome, BrokerState, ConnectionId, PendingRequest, PortState } from './types.js';

type Step = { state: BrokerState; outcome: BrokerOutcome };

/**
 * Offers `options` to `who`, naming the SO (or the highest holder). The request waits with a
 * deadline so an absent user cannot wedge the port; it holds a place unless offered over a limit.
 */
export function offerChoice(
  state: BrokerState, port: PortState, who: Applicant, options: readonly Choice[], holdsPlace: boolean,
  now: number, fx: Effects,
): Step {
  const request: PendingRequest = {
    connectionId: who.connectionId, user: who.user, level: who.level, mode: who.mode,
    stage: 'choosing', options, askedOf: null, deadline: now + state.queryTimeoutMs, holdsPlace,
  };
  const named = namedHolder(port);
  notify(fx, who.connectionId, { kind: 'choiceOffered', port: port.port, user: named.user, level: named.level, options });
  fx.push({ type: 'awaitChoice', connectionId: who.connectionId, options },
    { type: 'startTimer', connectionId: who.connectionId, deadline: request.deadline });
  return { state: replacePort(state, { ...port, pending: [...port.pending, request] }), outcome: 'choosing' };
}

/**
 * RU's key. A key that was not offered, or from a connection not choosing, is ignored (the
 * runtime repeats the question). Settings changed since the offer do not withdraw it, but E and
 * N are re-checked: someone of higher level may have joined meanwhile, and a lower-level user
 * never preempts a higher one (then RU is refused with `Port n in use`).
 */
export function choose(state: BrokerState, id: ConnectionId, choice: Choice, now: number, fx: Effects): Step {
  const request = findPending(state, id);
  if (request === null || request.stage !== 'choosing' || !request.options.includes(choice)) {
    return { state, outcome: 'ignored' };
  }
  const portNo = connectionPort(state, id)!;
  const next = withoutPending(state, portNo, id);
  const port = portAt(next, portNo);
  if (choice === 'D') {
    refuseRequest(fx, portNo, request, null);
    return { state: next, outcome: 'refused' };
  }
  if (choice === 'S') {
    fx.push({ type: 'cancelTimer', connectionId: id });
    return share(next, port, request, now, fx);
  }
  if (compareLevels(request.level, highestHolder(port).level) < 0) {
    refuseRequest(fx, portNo, request, { kind: 'portInUse', port: portNo, user: namedHolder(port).user });
    return { state: next, outcome: 'refused' };
  }
  fx.push({ type: 'cancelTimer', connectionId: id });
  return { state: preempt(next, portNo, request, choice === 'E', now, fx), outcome: 'connected' };
}

/** S: joins at once, unless the port is on QUERY and has an SO to ask (SPEC §4 last two rows). */
function share(state: BrokerState, port: PortState, request: PendingRequest, now: number, fx: Effects): Step {
  const so = soConnection(port);
  if (so !== null && portShareMode(state, port) === 'QUERY') {
    return { state: ask(state, port.port, request, so, now, fx), outcome: 'awaiting-approval' };
  }
  return { state: grant(state, port.port, request, false, now, fx), outcome: 'connected' };
}
