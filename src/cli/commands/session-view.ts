/**
 * How the session commands (SHOW SESSIONS, SHOW SESSION) print what the session service
 * (services/sessions.ts) returns: status with the seconds left, users with their modes, access,
 * durations, port names.
 */
import type { PortUser } from '../../services/session-status.js';

/** `Pending(25s)`: the time left travels with the status so the columns stay as SPEC §9 has them. */
export function statusText(s: { readonly status: string; readonly remainingSeconds: number | null }): string {
  return s.status === 'Pending' && s.remainingSeconds !== null ? `Pending(${s.remainingSeconds}s)` : s.status;
}

export function usersText(users: readonly PortUser[]): string {
  return users.length === 0 ? '-' : users.map((u) => `${u.user}(${u.mode})`).join(',');
}

/** Decided: `PUBLIC`, `PRIVATE`, with `,EXCL` appended while a connection holds the port exclusively. */
export function accessText(access: string, exclusive: boolean): string {
  return exclusive ? `${access},EXCL` : access;
}

export { formatDuration } from '../show-format.js';

/** The `<id>` word as typed ('' when missing: the service answers `No such session`). */
export function idWord(args: { readonly words: ReadonlyMap<string, { readonly text: string }> }): string {
  return args.words.get('id')?.text ?? '';
}

/** A port's name for display, `-` when it has none. */
export function portName(name: string | null): string {
  return name ?? '-';
}
