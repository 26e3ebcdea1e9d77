/**
 * SPEC §6/§9 `SHOW SESSIONS [BUSY]`: one row per port, columns
 * `Port  Name  Status  Session  Initiator  Users  Duration  Access`; an idle port shows `-` for
 * the session fields. BUSY (decided) keeps only ports with a session or a Pending status.
 * `--json` gets the same rows as objects, with the pending reason and seconds as numbers.
 */
import { heldExclusively } from '../../domain/broker/holders.js';
import type { PortState } from '../../domain/broker/types.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { renderTable } from '../show-format.js';
import {
  accessText, formatDuration, portName, portStatus, portUsers, portVisibility, statusText,
  usersText, type PortStatusSummary, type PortUser,
} from './session-view.js';

export const SESSIONS_COLUMNS = ['Port', 'Name', 'Status', 'Session', 'Initiator', 'Users', 'Duration', 'Access'] as const;

/** One row of the list as `--json` gives it. */
export interface SessionsRow {
  readonly port: number;
  readonly name: string | null;
  readonly status: PortStatusSummary['status'];
  readonly pendingFor: PortStatusSummary['pendingFor'];
  readonly remainingSeconds: number | null;
  readonly session: string | null;
  readonly initiator: string | null;
  readonly users: readonly PortUser[];
  readonly durationSeconds: number | null;
  readonly access: 'PUBLIC' | 'PRIVATE' | null;
  readonly exclusive: boolean;
}

function rowOf(ctx: CommandContext, port: PortState): SessionsRow {
  const status = portStatus(ctx, port);
  const session = port.session;
  return {
    port: port.port,
    name: ctx.app.portSettings(port.port).name,
    status: status.status,
    pendingFor: status.pendingFor,
    remainingSeconds: status.remainingSeconds,
    session: session?.id ?? null,
    initiator: session?.initiator ?? null,
    users: portUsers(port),
    durationSeconds: session === null ? null : Math.max(0, Math.floor((ctx.app.now() - session.createdAt) / 1000)),
    access: session?.access ?? null,
    exclusive: heldExclusively(port),
  };
}

function cells(ctx: CommandContext, row: SessionsRow): string[] {
  const status = statusText(row);
  return [
    String(row.port), portName(ctx, row.port), status, row.session ?? '-', row.initiator ?? '-', usersText(row.users),
    row.durationSeconds === null ? '-' : formatDuration(row.durationSeconds * 1000),
    row.access === null ? '-' : accessText(row.access, row.exclusive),
  ];
}

export const showSessions: CommandDeclaration<CommandContext> = {
  path: ['SHOW', 'SESSIONS', '[BUSY]'],
  syntax: 'SHOW SESSIONS [BUSY]',
  help: [
    'Lists every port with its status (Active, Inactive, Pending with the seconds left), session,',
    'initiator, users and their modes (rw, shared, exclusive, listen), duration and access.',
    'BUSY lists only ports with a session or a pending request. Without SMON, only your ports.',
  ].join('\n'),
  run(ctx, args) {
    const visible = portVisibility(ctx);
    const busyOnly = args.flags.has('BUSY');
    const rows = ctx.app.broker().ports
      .filter((p) => visible(p.port))
      .map((p) => rowOf(ctx, p))
      .filter((r) => !busyOnly || r.session !== null || r.status === 'Pending');
    for (const line of renderTable(SESSIONS_COLUMNS, rows.map((r) => cells(ctx, r)))) ctx.print(line);
    ctx.data(rows);
  },
};
