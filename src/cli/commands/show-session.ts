/**
 * SPEC §5 `SHOW SESSION <id> [HISTORY]`: the session information view (id, port, status,
 * initiated by, date created, duration, access, and every connection's user, method, client
 * host and address, listener, mode and times), or its history. Running sessions come from the
 * broker and the database; ended ones from the database alone, long after they ended.
 */
import { heldExclusively } from '../../domain/broker/holders.js';
import type { CommandDeclaration, CommandResult } from '../command.js';
import type { CommandContext } from '../context.js';
import { renderTable } from '../show-format.js';
import {
  accessText, formatDuration, isoUtc, portName, portStatus, sessionWord, statusText,
  type FoundSession,
} from './session-view.js';
import { isFailure } from './session-words.js';

/** Connection modes in the information view: `rw`, `listen`, with `,exclusive` when it was. */
function modeText(mode: string, exclusive: boolean): string {
  return exclusive ? `${mode},exclusive` : mode;
}

/** The information view as data (`--json`); the text view is rendered from it. */
export interface SessionInfo {
  readonly id: string;
  readonly port: number;
  readonly name: string | null;
  readonly status: 'Active' | 'Inactive' | 'Pending' | 'Ended';
  /** Seconds left while Pending (request deadline or device retry), else null. */
  readonly remainingSeconds: number | null;
  readonly initiator: string;
  readonly createdAt: string;
  readonly endedAt: string | null;
  readonly howEnded: string | null;
  readonly durationSeconds: number;
  readonly access: 'PUBLIC' | 'PRIVATE';
  /** Running: a connection holds the port exclusively now. Ended: one did at some point. */
  readonly exclusive: boolean;
  readonly connections: readonly {
    user: string; method: string; host: string; address: string; listener: string; mode: string;
    exclusive: boolean; joinedAt: string; leftAt: string | null;
  }[];
}

function sessionInfo(ctx: CommandContext, found: FoundSession): SessionInfo {
  const { live } = found;
  const now = ctx.app.now();
  const connections = ctx.app.store.sessions.connections(found.id);
  // A running session is read from the broker; only an ended one is read from its record.
  const facts = live !== null
    ? { ...live.session, endedAt: null, howEnded: null, status: portStatus(ctx, live.port),
      exclusive: heldExclusively(live.port) }
    : { ...found.record!, status: null, exclusive: connections.some((c) => c.exclusive) };
  const endedAt = live === null ? (facts.endedAt ?? now) : null;
  return {
    id: found.id,
    port: found.port,
    name: ctx.app.portSettings(found.port).name,
    status: facts.status?.status ?? 'Ended',
    remainingSeconds: facts.status?.remainingSeconds ?? null,
    initiator: facts.initiator,
    createdAt: isoUtc(facts.createdAt),
    endedAt: endedAt === null ? null : isoUtc(endedAt),
    howEnded: facts.howEnded,
    durationSeconds: Math.floor(((endedAt ?? now) - facts.createdAt) / 1000),
    access: facts.access,
    exclusive: facts.exclusive,
    connections: connections.map((c) => ({
      user: c.user, method: c.method, host: c.clientHost, address: c.address, listener: c.listener,
      mode: c.mode, exclusive: c.exclusive, joinedAt: isoUtc(c.joinedAt), leftAt: c.leftAt === null ? null : isoUtc(c.leftAt),
    })),
  };
}

function informationLines(ctx: CommandContext, info: SessionInfo): string[] {
  const status = statusText(info);
  return [
    `Session:       ${info.id}`,
    `Port:          ${info.port} (${portName(ctx, info.port)})`,
    `Status:        ${status}${info.howEnded === null ? '' : ` (${info.howEnded})`}`,
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

function information(ctx: CommandContext, found: FoundSession): CommandResult {
  const info = sessionInfo(ctx, found);
  for (const line of informationLines(ctx, info)) ctx.print(line);
  ctx.data(info);
}

function history(ctx: CommandContext, found: FoundSession): CommandResult {
  const events = ctx.app.store.sessions.history(found.id).map((e) => ({
    at: isoUtc(e.at), event: e.event, user: e.user, detail: e.detail,
  }));
  ctx.print(`Session ${found.id} history (port ${found.port}):`);
  const rows = events.map((e) => [e.at, e.event, e.user || '-', e.detail ?? '']);
  for (const line of renderTable(['Time', 'Event', 'User', 'Detail'], rows)) ctx.print(line);
  ctx.data({ id: found.id, port: found.port, events });
}

export const showSession: CommandDeclaration<CommandContext> = {
  path: ['SHOW', 'SESSION', '<id>', '[HISTORY]'],
  syntax: 'SHOW SESSION <id> [HISTORY]',
  help: [
    'Shows a session (running or ended): port, status, initiator, date created, duration, access',
    'and each connection (user, method, client host and address, listener, mode, times).',
    'HISTORY lists every event of the session with its time and user, oldest first.',
  ].join('\n'),
  run(ctx, args) {
    const found = sessionWord(ctx, args);
    if (isFailure(found)) return found;
    return args.flags.has('HISTORY') ? history(ctx, found) : information(ctx, found);
  },
};
