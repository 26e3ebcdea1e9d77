/**
 * What the session commands (SHOW SESSIONS, SHOW SESSION, SESSION id ...) share: who may see
 * which port, a port's status as SPEC §5 defines it, the users on a port with their modes,
 * and finding a session live or in the database.
 */
import type { PortSession, PortState } from '../../domain/broker/types.js';
import { isAdministrator } from '../../domain/levels.js';
import { canAccessPort } from '../../domain/rights.js';
import { sessionNumber, type SessionRecord } from '../../store/session-repository.js';
import { failure, type CommandArgs, type CommandFailure } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';

/**
 * Decided: holders of SMON (SPEC §3 "view status") and administrators see every port; anyone
 * else sees the ports they may access (PALL, P<n>, or their port groups), nothing more.
 */
export function portVisibility(ctx: CommandContext): (port: number) => boolean {
  if (ctx.hasRight('SMON') || isAdministrator(ctx.level)) return () => true;
  const user = ctx.app.store.users.get(ctx.user);
  if (user === null) return () => false;
  const groups = ctx.app.store.groups.list();
  return (port) => canAccessPort(user, port, groups);
}

export type PortStatusName = 'Active' | 'Inactive' | 'Pending';

export interface PortStatusSummary {
  readonly status: PortStatusName;
  /** Why Pending: a share request (`approval` / `choice`) or the device being reopened. */
  readonly pendingFor: 'approval' | 'choice' | 'device' | null;
  /** Seconds until the request's deadline or the next reopen attempt; null when unknown. */
  readonly remainingSeconds: number | null;
}

/**
 * SPEC §5: Pending when the device is lost or being reopened (time to `nextRetryAt`) or a
 * request waits (time to its deadline, the earliest when several); else Active when anyone is
 * connected; else Inactive. Decided: the device comes first, since nobody can use the port
 * until it is back; a closed device also counts as Pending, with no time known.
 */
export function portStatus(ctx: CommandContext, port: PortState): PortStatusSummary {
  const now = ctx.app.now();
  const device = ctx.app.port(port.port).status();
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

/** `Pending(25s)`: the time left travels with the status so the columns stay as SPEC §9 has them. */
export function statusText(s: { readonly status: string; readonly remainingSeconds: number | null }): string {
  return s.status === 'Pending' && s.remainingSeconds !== null ? `Pending(${s.remainingSeconds}s)` : s.status;
}

function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
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

export function usersText(users: readonly PortUser[]): string {
  return users.length === 0 ? '-' : users.map((u) => `${u.user}(${u.mode})`).join(',');
}

/** Decided: `PUBLIC`, `PRIVATE`, with `,EXCL` appended while a connection holds the port exclusively. */
export function accessText(access: string, exclusive: boolean): string {
  return exclusive ? `${access},EXCL` : access;
}

/** `HH:MM:SS` (hours grow past 99 rather than wrap). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
}

/** ISO 8601 in UTC to the second: `2026-11-22T13:05:00Z`. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A session as found: running on a port (`live`), and/or its database record. */
export interface FoundSession {
  readonly id: string;
  readonly live: { readonly port: PortState; readonly session: PortSession } | null;
  readonly record: SessionRecord | null;
  readonly port: number;
}

/** Finds `S<n>` (the `S` in any case) running in the broker or in the database; null if unknown. */
export function findSession(ctx: CommandContext, typed: string): FoundSession | null {
  const id = typed.length > 0 ? `S${typed.slice(1)}` : typed;
  if (!/^[sS]/.test(typed) || sessionNumber(id) === null) return null;
  const port = ctx.app.broker().ports.find((p) => p.session?.id === id);
  const record = ctx.app.store.sessions.get(id);
  if (port !== undefined && port.session !== null) {
    return { id, live: { port, session: port.session }, record, port: port.port };
  }
  return record === null ? null : { id, live: null, record, port: record.port };
}

/**
 * The session named by the `<id>` word, or `ERR 08 - No such session` under it. Decided: a
 * session on a port the user may not see is reported as unknown, as the list hides it too.
 */
export function sessionWord(ctx: CommandContext, args: CommandArgs<CommandContext>): FoundSession | CommandFailure {
  const word = args.words.get('id');
  if (word === undefined) return failure(cliError('missingParameter', 'session id'), null);
  const found = findSession(ctx, word.text);
  if (found === null || !portVisibility(ctx)(found.port)) return failure(cliError('noSuchSession'), word.token);
  return found;
}

/** A port's name for display, `-` when it has none. */
export function portName(ctx: CommandContext, port: number): string {
  return ctx.app.portSettings(port).name ?? '-';
}
