/**
 * Readers for the sessions-*.test.ts files (issue 6): the `SHOW SESSIONS` table as rows of
 * cells, the host command line's `--json` views (`ccmd sessions --json`, `ccmd session show <id>
 * --json`), and waiting (vi.waitFor) for a state the daemon reaches asynchronously (a
 * connection leaving after its client closed).
 */
import { expect, vi } from 'vitest';
import type { DaemonProcess } from '../support/daemon.js';

/** SPEC §9, exactly. */
export const SESSIONS_HEADER = ['Port', 'Name', 'Status', 'Session', 'Initiator', 'Users', 'Duration', 'Access'];

/** A row of `SHOW SESSIONS --json` (src/cli/commands/show-sessions.ts `SessionsRow`). */
export interface SessionsJsonRow {
  readonly port: number;
  readonly name: string | null;
  readonly status: string;
  readonly pendingFor: string | null;
  readonly remainingSeconds: number | null;
  readonly session: string | null;
  readonly initiator: string | null;
  readonly users: readonly { user: string; mode: string }[];
  readonly durationSeconds: number | null;
  readonly access: string | null;
  readonly exclusive: boolean;
}

export interface ConnectionJson {
  readonly user: string;
  readonly method: string;
  readonly host: string;
  readonly address: string;
  readonly listener: string;
  readonly mode: string;
  readonly exclusive: boolean;
  readonly joinedAt: string;
  readonly leftAt: string | null;
}

/** `SHOW SESSION <id> --json` (src/cli/commands/show-session.ts `SessionInfo`). */
export interface SessionInfoJson {
  readonly id: string;
  readonly port: number;
  readonly status: string;
  readonly initiator: string;
  readonly createdAt: string;
  readonly endedAt: string | null;
  readonly howEnded: string | null;
  readonly durationSeconds: number;
  readonly access: string;
  readonly exclusive: boolean;
  readonly connections: readonly ConnectionJson[];
}

export interface HistoryEventJson {
  readonly at: string;
  readonly event: string;
  readonly user: string;
  readonly detail: string | null;
}

/** Runs a CLI line through the control socket; fails the test on ERR. */
export async function execOk(daemon: DaemonProcess, line: string): Promise<string> {
  const reply = await daemon.exec(line);
  if (reply.status !== 0) throw new Error(`${line} answered ERR:\n${reply.output}`);
  return reply.output;
}

/**
 * `SHOW SESSIONS` as rows of cells (no cell holds a space: names, `Pending(12s)`,
 * `adm1(rw),usr1(shared)`), after checking the header is SPEC §9's.
 */
export async function showSessionsTable(daemon: DaemonProcess): Promise<string[][]> {
  const lines = (await execOk(daemon, 'SHOW SESSIONS')).split('\n').filter((l) => l.trim() !== '');
  const [header, ...rows] = lines.map((l) => l.trim().split(/\s+/));
  if (JSON.stringify(header) !== JSON.stringify(SESSIONS_HEADER)) throw new Error(`unexpected header: ${lines[0]}`);
  return rows;
}

/** The cells of port `port`'s row. */
export async function showSessionsRow(daemon: DaemonProcess, port: number): Promise<string[]> {
  const row = (await showSessionsTable(daemon)).find((r) => r[0] === String(port));
  if (row === undefined) throw new Error(`SHOW SESSIONS has no row for port ${port}`);
  return row;
}

/** Polls `SHOW SESSIONS` until port `port`'s row satisfies `ok`, or fails after `timeoutMs`. */
export function waitForRow(daemon: DaemonProcess, port: number, ok: (row: string[]) => boolean,
  timeoutMs = 5000): Promise<string[]> {
  return vi.waitFor(async () => {
    const row = await showSessionsRow(daemon, port);
    expect(ok(row), `port ${port} row: ${row.join(' ')}`).toBe(true);
    return row;
  }, { timeout: timeoutMs });
}

/** `ccmd sessions --json` through the real host command line. */
export async function sessionsJson(daemon: DaemonProcess): Promise<SessionsJsonRow[]> {
  return hostJson(daemon, ['sessions', '--json']) as Promise<SessionsJsonRow[]>;
}

export function sessionRow(rows: readonly SessionsJsonRow[], port: number): SessionsJsonRow {
  const row = rows.find((r) => r.port === port);
  if (row === undefined) throw new Error(`sessions --json has no row for port ${port}`);
  return row;
}

/** `ccmd session show <id> --json`. */
export async function sessionInfoJson(daemon: DaemonProcess, id: string): Promise<SessionInfoJson> {
  return hostJson(daemon, ['session', 'show', id, '--json']) as Promise<SessionInfoJson>;
}

/** `ccmd session history <id> --json` → its events. */
export async function historyJson(daemon: DaemonProcess, id: string): Promise<HistoryEventJson[]> {
  const data = await hostJson(daemon, ['session', 'history', id, '--json']) as { events: HistoryEventJson[] };
  return data.events;
}

async function hostJson(daemon: DaemonProcess, args: string[]): Promise<unknown> {
  const run = await daemon.cli(args);
  if (run.code !== 0) throw new Error(`ccmd ${args.join(' ')} exited ${run.code}: ${run.stdout}${run.stderr}`);
  return JSON.parse(run.stdout) as unknown;
}

/** The one connection of `user` in a session view. */
export function findConnection(info: SessionInfoJson, user: string): ConnectionJson {
  const found = info.connections.filter((c) => c.user === user);
  if (found.length !== 1) throw new Error(`expected one connection of ${user}, got ${JSON.stringify(info.connections)}`);
  return found[0]!;
}

/**
 * `SHOW SESSION <id> HISTORY` as [event, user, detail] triples, oldest first (the time column
 * checked to be ISO 8601 UTC and non-decreasing).
 */
export async function historyTriples(daemon: DaemonProcess, id: string): Promise<string[][]> {
  const lines = (await execOk(daemon, `SHOW SESSION ${id} HISTORY`)).split('\n').filter((l) => l.trim() !== '');
  if (!lines[0]?.startsWith(`Session ${id} history (port `)) throw new Error(`unexpected title: ${lines[0]}`);
  if (!/^Time\s+Event\s+User\s+Detail$/.test(lines[1] ?? '')) throw new Error(`unexpected header: ${lines[1]}`);
  let previous = '';
  return lines.slice(2).map((line) => {
    const [at, event, user, ...detail] = line.trim().split(/\s+/);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(at ?? '') || at! < previous) throw new Error(`bad time in: ${line}`);
    previous = at!;
    return detail.length > 0 ? [event!, user!, detail.join(' ')] : [event!, user!];
  });
}
