/**
 * CONNECT, LISTEN and direct logins (SPEC §4, §6, §9): who gets in at once, who is refused, who
 * is asked to choose, and whose request waits for the SO.
 */
import type { Notice } from '../notices.js';
import { ask } from './approval.js';
import { offerChoice } from './choose.js';
import { type Effects, notify } from './edit.js';
import { type Applicant, grant } from './grant.js';
import {
  admits, heldExclusively, highestHolder, limitNotice, namedHolder, portShareMode,
} from './holders.js';
import { shareOutcome, withoutShare } from './share-outcome.js';
import { connectionPort, portState, soConnection } from './state.js';
import type { BrokerCommand, BrokerOutcome, BrokerState, PortState } from './types.js';

type Step = { state: BrokerState; outcome: BrokerOutcome };
type ConnectCommand = Extract<BrokerCommand, { type: 'connect' }>;

export function connect(state: BrokerState, cmd: ConnectCommand, now: number, fx: Effects): Step {
  const { connectionId, user, level } = cmd.requester;
  const who: Applicant = { connectionId, user, level, mode: cmd.mode };
  // Already connected or waiting: a second request from the same connection changes nothing
  // (checked first: a `refuse` would end the connection it already has).
  if (connectionPort(state, connectionId) !== null) return { state, outcome: 'ignored' };
  const port = portState(state, cmd.port);
  // No such port: the caller validates port numbers, but the request must still end.
  if (port === null) return refuseNew(state, fx, who, cmd.port, null);
  // An idle port (no connection, hence no pending request) is granted as asked, E included.
  if (port.connections.length === 0) return grantIfRoom(state, port, who, cmd.exclusive, now, fx);
  if (!admits(port, who)) return refuseInUse(state, fx, who, port);
  if (cmd.mode === 'listen') return connectMonitor(state, port, who, now, fx);
  // Only monitors: nobody is SO, so a plain rw connect joins at once and becomes SO.
  if (port.originator === null && !cmd.exclusive) return grantIfRoom(state, port, who, false, now, fx);
  return consultTable(state, port, who, now, fx);
}

/**
 * Decided: a LISTEN monitor is read-only, so it never asks the SO and is never offered a choice;
 * it is refused only by an exclusive holder or the limits. It is never exclusive.
 */
function connectMonitor(state: BrokerState, port: PortState, who: Applicant, now: number, fx: Effects): Step {
  if (heldExclusively(port)) return refuseInUse(state, fx, who, port);
  return grantIfRoom(state, port, who, false, now, fx);
}

function grantIfRoom(
  state: BrokerState, port: PortState, who: Applicant, exclusive: boolean, now: number, fx: Effects,
): Step {
  const limit = limitNotice(state, port);
  if (limit !== null) return refuseNew(state, fx, who, port.port, limit);
  const granted = grant(state, port.port, who, exclusive && who.mode === 'rw', now, fx);
  return { state: granted, outcome: 'connected' };
}

/** SPEC §4's table against the highest holder, then SPEC §9's limits on what it allows. */
function consultTable(state: BrokerState, port: PortState, who: Applicant, now: number, fx: Effects): Step {
  const outcome = shareOutcome({
    requester: who.level, holder: highestHolder(port).level,
    mode: portShareMode(state, port), exclusive: heldExclusively(port),
  });
  const limit = limitNotice(state, port);
  if (limit !== null) {
    // SPEC §9: a full port still lets a requester who could preempt choose E, N or D; E and N
    // free the port, so the offer needs no place of its own.
    if (outcome.kind !== 'choose') return refuseNew(state, fx, who, port.port, limit);
    return offerChoice(state, port, who, withoutShare(outcome.options), false, now, fx);
  }
  switch (outcome.kind) {
    case 'refuse':
      return refuseInUse(state, fx, who, port);
    case 'ask': {
      const so = soConnection(port);
      // An exclusive request meeting only monitors: nobody to ask, so RU joins at once.
      if (so === null) return { state: grant(state, port.port, who, false, now, fx), outcome: 'connected' };
      return { state: ask(state, port.port, who, so, now, fx), outcome: 'awaiting-approval' };
    }
    case 'choose':
      return offerChoice(state, port, who, outcome.options, true, now, fx);
  }
}

function refuseInUse(state: BrokerState, fx: Effects, who: Applicant, port: PortState): Step {
  return refuseNew(state, fx, who, port.port, { kind: 'portInUse', port: port.port, user: namedHolder(port).user });
}

/** A refused request leaves the state as it was: only its notice and `refuse`. */
function refuseNew(state: BrokerState, fx: Effects, who: Applicant, port: number, notice: Notice | null): Step {
  if (notice !== null) notify(fx, who.connectionId, notice);
  fx.push({ type: 'refuse', connectionId: who.connectionId, port });
  return { state, outcome: 'refused' };
}
