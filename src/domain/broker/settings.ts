/**
 * SERVER SHARE, PORT n SET SHARE=, SERVER SHARE TIMEOUT= and SESSION id SET ACCESS= (SPEC §4, §6).
 * Decided: a setting applies to requests made after it; requests already waiting keep the terms
 * they were offered (their deadline, their options).
 */
import type { PortShareSetting, SessionAccess } from '../share.js';
import { type Effects, recordEvent, refuseRequest, replacePort } from './edit.js';
import { admits, namedHolder } from './holders.js';
import { portState } from './state.js';
import type { Actor, BrokerOutcome, BrokerState } from './types.js';

type Step = { state: BrokerState; outcome: BrokerOutcome };

/** Port null: the appliance-wide mode (SERVER is meaningless there, so ignored). */
export function setShareMode(state: BrokerState, portNo: number | null, share: PortShareSetting): Step {
  if (portNo === null) {
    if (share === 'SERVER') return { state, outcome: 'ignored' };
    return { state: { ...state, serverShare: share }, outcome: 'done' };
  }
  const port = portState(state, portNo);
  if (port === null) return { state, outcome: 'ignored' };
  return { state: replacePort(state, { ...port, share }), outcome: 'done' };
}

/** A deadline must be a positive, finite number of milliseconds. */
export function setQueryTimeout(state: BrokerState, ms: number): Step {
  if (!Number.isFinite(ms) || ms <= 0) return { state, outcome: 'ignored' };
  return { state: { ...state, queryTimeoutMs: ms }, outcome: 'done' };
}

/**
 * PUBLIC/PRIVATE for the port's session. Decided: going PRIVATE keeps the connections already
 * admitted, but refuses waiting requests of users it no longer admits (`Port n in use by <SO>`),
 * so none of them can join or preempt through an offer made while the session was PUBLIC.
 */
export function setAccess(
  state: BrokerState, portNo: number, access: SessionAccess, by: Actor | undefined, fx: Effects,
): Step {
  const port = portState(state, portNo);
  if (port === null || port.session === null || port.session.access === access) return { state, outcome: 'ignored' };
  const session = { ...port.session, access };
  const updated = { ...port, session };
  recordEvent(fx, session, portNo, 'access-changed', by?.user ?? '', access);
  const shut = updated.pending.filter((r) => !admits(updated, r));
  for (const request of shut) {
    refuseRequest(fx, portNo, request, { kind: 'portInUse', port: portNo, user: namedHolder(port).user });
  }
  const pending = updated.pending.filter((r) => admits(updated, r));
  return { state: replacePort(state, { ...updated, pending }), outcome: 'done' };
}
