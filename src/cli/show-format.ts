/**
 * Plain-text renderers for SHOW output: aligned tables and `Key: value` blocks, as lines
 * without terminators. Pure: data in, lines out.
 */
import { portRuns } from '../domain/rights.js';

/** Columns padded to their widest cell, two spaces apart; trailing spaces trimmed. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)];
}

/** `Key:   value` lines with the values aligned. */
export function renderFields(fields: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(0, ...fields.map(([k]) => k.length)) + 1;
  return fields.map(([k, v]) => `${`${k}:`.padEnd(width)} ${v}`.trimEnd());
}

/** `1-4,7` for sorted port lists; `-` for none. */
export function formatPortList(ports: readonly number[]): string {
  return ports.length === 0 ? '-' : portRuns(ports).join(',');
}

/** `HH:MM:SS` (hours grow past 99 rather than wrap). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
}

/** An uptime: `2d 03:04:05` (issue 12: SHOW SERVER, SHOW USER's Last Login). */
export function formatUptime(ms: number): string {
  const day = 86_400_000;
  const days = Math.floor(Math.max(0, ms) / day);
  return `${days}d ${formatDuration(ms - days * day)}`;
}

/** YES or NO, as the manual's tables print a flag. */
export function yesNo(flag: boolean): string {
  return flag ? 'YES' : 'NO';
}

/** Minutes, with 0 spelled out as what it means in that place. */
export function formatMinutes(minutes: number, zero: string): string {
  return minutes === 0 ? zero : `${minutes} min`;
}
