/**
 * The broker's starting state and the read-only questions the runtime asks of it. Nothing here
 * changes state; `decide()` is the only way to a new one.
 */
import type { ShareMode } from '../share.js';
import type {
  BrokerLimits, BrokerState, ConnectionId, PendingRequest, PortConnection, PortState,
} from './types.js';

/** SPEC §4 decided: the SO's answer times out after 30 s unless `SERVER SHARE TIMEOUT=` says otherwise. */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/**
 * Every port idle, following the appliance-wide share mode (default QUERY, SPEC §4).
 * `nextSessionNumber` lets the runtime continue the database's `S<n>` sequence (SPEC §9).
 */
export function initialBrokerState(opts: {
  limits: BrokerLimits;
  serverShare?: ShareMode;
  queryTimeoutMs?: number;
  nextSessionNumber?: number;
}): BrokerState {
  const ports: PortState[] = Array.from({ length: opts.limits.ports }, (_, i) => ({
    port: i + 1, share: 'SERVER', connections: [], originator: null, session: null, pending: [],
  }));
  return {
    limits: opts.limits,
    serverShare: opts.serverShare ?? 'QUERY',
    queryTimeoutMs: opts.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    nextSessionNumber: opts.nextSessionNumber ?? 1,
    ports,
  };
}

/** Port `port` (numbered from 1), or null when there is no such port. */
export function portState(state: BrokerState, port: number): PortState | null {
  if (!Number.isInteger(port)) return null;
  return state.ports[port - 1] ?? null;
}

/**
 * Places a port uses against its limit (SPEC §9): granted connections, LISTEN monitors and the
 * pending requests that hold a place.
 */
export function placesUsed(port: PortState): number {
  return port.connections.length + port.pending.filter((p) => p.holdsPlace).length;
}

/** Places used on every port: what the appliance-wide limit counts. */
export function totalConnections(state: BrokerState): number {
  return state.ports.reduce((sum, port) => sum + placesUsed(port), 0);
}

/** The port a connection is granted on or waiting for, or null when the id is unknown. */
export function connectionPort(state: BrokerState, id: ConnectionId): number | null {
  const port = state.ports.find((p) =>
    p.connections.some((c) => c.connectionId === id) || p.pending.some((r) => r.connectionId === id));
  return port === undefined ? null : port.port;
}

/** The granted connection with this id, or null (also null while it is only pending). */
export function findConnection(state: BrokerState, id: ConnectionId): PortConnection | null {
  for (const port of state.ports) {
    const found = port.connections.find((c) => c.connectionId === id);
    if (found !== undefined) return found;
  }
  return null;
}

/** The pending request with this id, or null. */
export function findPending(state: BrokerState, id: ConnectionId): PendingRequest | null {
  for (const port of state.ports) {
    const found = port.pending.find((r) => r.connectionId === id);
    if (found !== undefined) return found;
  }
  return null;
}

/** The SO's connection on `port`, or null when the port has no rw connection (or no such port). */
export function originatorOf(state: BrokerState, port: number): PortConnection | null {
  const p = portState(state, port);
  return p === null ? null : soConnection(p);
}

/** The SO's connection of a port, or null. */
export function soConnection(port: PortState): PortConnection | null {
  return port.connections.find((c) => c.connectionId === port.originator) ?? null;
}
