/**
 * Small immutable writes and effect builders shared by the command handlers. Handlers append to
 * one effects list per command (local to `decide`, so the whole stays pure) and return new state.
 */
import type { Notice } from '../notices.js';
import type {
  BrokerEffect, BrokerState, ConnectionId, PendingRequest, PortSession, PortState, SessionEventKind,
} from './types.js';

/** The effects of the command being decided, in the order the runtime must carry them out. */
export type Effects = BrokerEffect[];

/** A port known to exist (the handlers validated its number first). */
export function portAt(state: BrokerState, port: number): PortState {
  return state.ports[port - 1]!;
}

export function replacePort(state: BrokerState, port: PortState): BrokerState {
  return { ...state, ports: state.ports.map((p) => (p.port === port.port ? port : p)) };
}

export function notify(fx: Effects, to: ConnectionId, notice: Notice): void {
  fx.push({ type: 'notify', to, notice });
}

/** SPEC §5: one history event of a session, with the user who acted. */
export function recordEvent(
  fx: Effects, session: PortSession, port: number, event: SessionEventKind, user: string, detail?: string,
): void {
  fx.push(detail === undefined
    ? { type: 'sessionEvent', sessionId: session.id, port, event, user }
    : { type: 'sessionEvent', sessionId: session.id, port, event, user, detail });
}

/** The port without the pending request `id`. */
export function withoutPending(state: BrokerState, port: number, id: ConnectionId): BrokerState {
  const p = portAt(state, port);
  return replacePort(state, { ...p, pending: p.pending.filter((r) => r.connectionId !== id) });
}

/**
 * Ends a request without a connection: its notice (if any), its timer cancelled (every pending
 * request has one), then `refuse`. The caller removes it from the state.
 */
export function refuseRequest(fx: Effects, port: number, request: PendingRequest, notice: Notice | null): void {
  if (notice !== null) notify(fx, request.connectionId, notice);
  fx.push({ type: 'cancelTimer', connectionId: request.connectionId },
    { type: 'refuse', connectionId: request.connectionId, port });
}

/** Ends every pending request of a port with the same notice; the caller clears them. */
export function refuseAllPending(fx: Effects, port: PortState, notice: Notice): void {
  for (const request of port.pending) refuseRequest(fx, port.port, request, notice);
}
