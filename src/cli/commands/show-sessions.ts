/**
 * SPEC §6/§9 `SHOW SESSIONS [BUSY]`: one row per port, columns
 * `Port  Name  Status  Session  Initiator  Users  Duration  Access`; an idle port shows `-` for
 * the session fields. BUSY (decided) keeps only ports with a session or a Pending status.
 * `--json` gets the rows of the session service (the pending reason and seconds as numbers).
 */
import type { SessionsRow } from '../../services/sessions.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { renderTable } from '../show-format.js';
import { accessText, formatDuration, portName, statusText, usersText } from './session-view.js';

export type { SessionsRow };

export const SESSIONS_COLUMNS = ['Port', 'Name', 'Status', 'Session', 'Initiator', 'Users', 'Duration', 'Access'] as const;

function cells(row: SessionsRow): string[] {
  return [
    String(row.port), portName(row.name), statusText(row), row.session ?? '-', row.initiator ?? '-', usersText(row.users),
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
    const rows = ctx.services.sessions.list(ctx, { busy: args.flags.has('BUSY') });
    for (const line of renderTable(SESSIONS_COLUMNS, rows.map(cells))) ctx.print(line);
    ctx.data(rows);
  },
};
