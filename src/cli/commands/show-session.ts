/**
 * SPEC §5 `SHOW SESSION <id> [HISTORY]`: the session information view (id, port, status,
 * initiated by, date created, duration, access, and every connection's user, method, client
 * host and address, listener, mode and times), or its history, as the session service returns
 * them; running sessions and ended ones alike.
 */
import type { SessionHistory, SessionInfo } from '../../services/sessions.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { renderTable } from '../show-format.js';
import { accessText, formatDuration, idWord, portName, statusText } from './session-view.js';

export type { SessionInfo };

/** Connection modes in the information view: `rw`, `listen`, with `,exclusive` when it was. */
function modeText(mode: string, exclusive: boolean): string {
  return exclusive ? `${mode},exclusive` : mode;
}

function informationLines(info: SessionInfo): string[] {
  return [
    `Session:       ${info.id}`,
    `Port:          ${info.port} (${portName(info.name)})`,
    `Status:        ${statusText(info)}${info.howEnded === null ? '' : ` (${info.howEnded})`}`,
    `Initiated by:  ${info.initiator}`,
    `Date created:  ${info.createdAt}`,
    ...(info.endedAt === null ? [] : [`Date ended:    ${info.endedAt}`]),
    `Duration:      ${formatDuration(info.durationSeconds * 1000)}`,
    `Access:        ${accessText(info.access, info.exclusive)}`,
    'Connections:',
    ...renderTable(['User', 'Method', 'Host', 'Address', 'Listener', 'Mode', 'Joined', 'Left'],
      info.connections.map((c) => [c.user, c.method, c.host || '-', c.address || '-', c.listener || '-',
        modeText(c.mode, c.exclusive), c.joinedAt, c.leftAt ?? '-'])).map((l) => `  ${l}`),
  ];
}

function historyLines(history: SessionHistory): string[] {
  const rows = history.events.map((e) => [e.at, e.event, e.user || '-', e.detail ?? '']);
  return [`Session ${history.id} history (port ${history.port}):`, ...renderTable(['Time', 'Event', 'User', 'Detail'], rows)];
}

export const showSession: CommandDeclaration<CommandContext> = {
  path: ['SHOW', 'SESSION', '<id>', '[HISTORY]'],
  syntax: 'SHOW SESSION <id> [HISTORY]',
  help: [
    'Shows a session (running or ended): port, status, initiator, date created, duration, access',
    'and each connection (user, method, client host and address, listener, mode, times).',
    'HISTORY lists every event of the session with its time and user, oldest first.',
    '<id> is as SHOW SESSIONS lists it (S1); the S may be left out.',
  ].join('\n'),
  run(ctx, args) {
    const sessions = ctx.services.sessions;
    if (args.flags.has('HISTORY')) {
      const found = sessions.history(ctx, idWord(args));
      if (!found.ok) return refusalFailure(found, args);
      for (const line of historyLines(found.history)) ctx.print(line);
      ctx.data(found.history);
      return;
    }
    const found = sessions.info(ctx, idWord(args));
    if (!found.ok) return refusalFailure(found, args);
    for (const line of informationLines(found.session)) ctx.print(line);
    ctx.data(found.session);
  },
};
