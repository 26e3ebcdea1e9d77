/**
 * What a port and its session look like to the session list and the information view
 * (SPEC §5): the port's status with the time left while Pending, and the users with their modes.
 */
import type { PortState } from '../domain/broker/types.js';
import type { PortStatusView } from './runtime.js';

export type PortStatusName = 'Active' | 'Inactive' | 'Pending';

export interface PortStatusSummary {
  readonly status: PortStatusName;
  /** Why Pending: a share request (`approval` / `choice`) or the device being reopened. */
  readonly pendingFor: 'approval' | 'choice' | 'device' | null;
  /** Seconds until the request's deadline or the next reopen attempt; null when unknown. */
  readonly remainingSeconds: number | null;
}

function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * SPEC §5: Pending when the device is lost or being reopened (time to `nextRetryAt`) or a
 * request waits (time to its deadline, the earliest when several); else Active when anyone is
 * connected; else Inactive. Decided: the device comes first, since nobody can use the port
 * until it is back; a closed device also counts as Pending, with no time known.
 */
export function portStatus(port: PortState, device: PortStatusView, now: number): PortStatusSummary {
  if (device.state !== 'open') {
    const remaining = device.nextRetryAt === null ? null : secondsUntil(device.nextRetryAt, now);
    return { status: 'Pending', pendingFor: 'device', remainingSeconds: remaining };
  }
  if (port.pending.length > 0) {
    const first = port.pending.reduce((a, b) => (b.deadline < a.deadline ? b : a));
    const pendingFor = first.stage === 'awaiting-approval' ? 'approval' : 'choice';
    return { status: 'Pending', pendingFor, remainingSeconds: secondsUntil(first.deadline, now) };
  }
  return { status: port.connections.length > 0 ? 'Active' : 'Inactive', pendingFor: null, remainingSeconds: null };
}

export type UserMode = 'rw' | 'shared' | 'exclusive' | 'listen';

export interface PortUser {
  readonly user: string;
  readonly mode: UserMode;
}

/**
 * Decided display of a connection's mode: `exclusive` for an exclusive connection, `listen` for
 * a LISTEN monitor, `rw` for the SO, `shared` for any other read-write connection.
 */
export function portUsers(port: PortState): PortUser[] {
  return port.connections.map((c) => {
    if (c.exclusive) return { user: c.user, mode: 'exclusive' };
    if (c.mode === 'listen') return { user: c.user, mode: 'listen' };
    return { user: c.user, mode: c.connectionId === port.originator ? 'rw' : 'shared' };
  });
}

/** ISO 8601 in UTC to the second: `2026-11-22T13:05:00Z`. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
