/**
 * The session broker: `decide(state, command, now)` → new state, effects, outcome. Pure and
 * synchronous: no I/O, no timers, no clock (the runtime passes `now` and carries out the effects).
 * It never throws on bad input: unknown ids, wrong ports and repeated requests come back as
 * 'ignored' or 'refused'.
 *
 * SPEC §4 is carried out by connect.ts (its table lives in share-outcome.ts as `shareOutcome`),
 * choose.ts, approval.ts, preempt.ts, leave.ts and removal.ts; invariants.ts states what holds
 * after every command.
 *
 * Rights are the caller's: logoutUser, endSession and setAccess are carried out as given (the CLI
 * checks USER/PCON, initiator or admin); connect assumes the caller checked the port right.
 *
 * Decisions where SPEC is silent (each also noted where it is carried out):
 * - RU is compared with the highest level among ALL granted connections, monitors included; the
 *   user named in `Port n in use by` / the choice is the SO, or the highest holder without one.
 * - A LISTEN monitor never asks the SO and is never offered a choice: it joins at once unless the
 *   port is held exclusively, the session is PRIVATE to it, or a limit is reached. It is never
 *   exclusive (E on LISTEN is dropped) and never SO.
 * - Only monitors on a port: a plain rw connect joins and becomes SO (everyone gets
 *   `newOriginator`); an exclusive request goes through the table, where "ask the SO" and S join
 *   at once (nobody to ask).
 * - Every pending request has a deadline (now + queryTimeoutMs): a choice not made in time is D.
 * - SPEC §9 full port/appliance: a requester who could preempt is offered E, N, D; that offer
 *   holds no place (PendingRequest.holdsPlace = false), because E and N free the port, so the
 *   limits stay exact. Appliance full: the same, as E or N on a port in use always frees room.
 * - E and N are re-checked when chosen: if someone of higher level joined meanwhile, RU is
 *   refused (`Port n in use`). S joins at once unless the port is on QUERY and has an SO, then
 *   the SO is asked. A key not offered is ignored.
 * - Preemption ends the old session ("preempted by <RU>") and starts a new one for RU; other
 *   waiting requests on the port are refused with `Port n in use by <RU>`.
 * - The SO answers questions in the order they were put (a choice turned into a question joins
 *   the end of the queue).
 * - Leaving while waiting (abandon) ends the request with `refuse` and no notice.
 * - The last connection leaving ends the session ("last connection left"); requests still
 *   waiting there are granted at once in order (the port they wanted is free; a request offered
 *   over a limit only if there is room now).
 * - logoutUser: a waiting request of the user is refused with `Logged out by`; a port whose
 *   connections were all the user's ends like one whose SO was logged out ("logged out by").
 *   Ending a port this way refuses its waiting requests (`Session ended by` to them).
 * - Going PRIVATE refuses waiting requests of users it does not admit; connections stay.
 * - Settings apply to new requests; waiting ones keep their deadline and options.
 * - A timer firing before its request's deadline (a stale one) is ignored.
 */
import { answer, queryTimedOut } from './approval.js';
import { choose } from './choose.js';
import { connect } from './connect.js';
import type { Effects } from './edit.js';
import { leave } from './leave.js';
import { endSession, logoutUser } from './removal.js';
import { setAccess, setQueryTimeout, setShareMode } from './settings.js';
import type { BrokerCommand, BrokerOutcome, BrokerResult, BrokerState } from './types.js';

export function decide(state: BrokerState, command: BrokerCommand, now: number): BrokerResult {
  const effects: Effects = [];
  const step = dispatch(state, command, now, effects);
  return { state: step.state, effects, outcome: step.outcome };
}

function dispatch(
  state: BrokerState, command: BrokerCommand, now: number, fx: Effects,
): { state: BrokerState; outcome: BrokerOutcome } {
  switch (command.type) {
    case 'connect': return connect(state, command, now, fx);
    case 'choose': return choose(state, command.connectionId, command.choice, now, fx);
    case 'answer': return answer(state, command.connectionId, command.allow, now, fx);
    case 'queryTimedOut': return queryTimedOut(state, command.connectionId, now, fx);
    case 'leave': return leave(state, command.connectionId, now, fx);
    case 'logoutUser': return logoutUser(state, command.user, command.by, fx);
    case 'endSession': return endSession(state, command.port, command.by, fx);
    case 'setShareMode': return setShareMode(state, command.port, command.share);
    case 'setQueryTimeout': return setQueryTimeout(state, command.ms);
    case 'setAccess': return setAccess(state, command.port, command.access, command.by, fx);
  }
}
