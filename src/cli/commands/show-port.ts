/**
 * SPEC §6 `SHOW PORT [n|ALL|NAMES|GROUPS]`. Decided: no argument means ALL; holders of PCON or
 * SMON see every port, anyone else only the ports they can reach (SPEC §3, BY GROUP), and the
 * GROUPS list of a user without PCON, SMON or USER holds only their own groups.
 */
import type { PortView, PowerStatus } from '../../services/ports.js';
import type { PortSettings } from '../../config/settings.js';
import { NOT_SUPPORTED } from '../../transports/serial/device.js';
import { failure, type CommandDeclaration, type CommandResult } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { matchKeyword } from '../keywords.js';
import { refusalFailure } from '../refusal.js';
import { formatMinutes, formatPortList, renderFields, renderTable } from '../show-format.js';
import { isFailure, portWord } from './session-words.js';

export type { PortView };

const format = (p: PortSettings) => `${p.dataBits}${p.parity[0]}${p.stopBits}`;

function describe(ctx: CommandContext, p: PortView) {
  const server = ctx.services.server.get();
  return {
    char: p.char ?? `${server.cliChar} (server)`,
    timeout: p.timeoutMinutes === 0 ? `server (${formatMinutes(server.cliTimeoutMinutes, 'never')})` : formatMinutes(p.timeoutMinutes, ''),
    share: p.share === 'SERVER' ? `SERVER (${server.share})` : p.share,
  };
}

function showAll(ctx: CommandContext): void {
  const ports = ctx.services.ports.list(ctx);
  ctx.data({ ports });
  const rows = ports.map((p) => {
    const d = describe(ctx, p);
    return [String(p.port), p.name ?? '-', String(p.baud), format(p), p.flow, d.timeout, d.char, d.share,
      p.log ? 'ON' : 'OFF', p.status, String(p.users)];
  });
  const headers = ['Port', 'Name', 'Baud', 'Format', 'Flow', 'Timeout', 'Char', 'Share', 'Log', 'Status', 'Users'];
  for (const line of renderTable(headers, rows)) ctx.print(line);
}

function showNames(ctx: CommandContext): void {
  const ports = ctx.services.ports.list(ctx).map((p) => ({ port: p.port, name: p.name }));
  ctx.data({ ports });
  for (const line of renderTable(['Port', 'Name'], ports.map((p) => [String(p.port), p.name ?? '-']))) ctx.print(line);
}

function showGroups(ctx: CommandContext): void {
  const groups = ctx.services.ports.groups(ctx);
  ctx.data({ groups });
  if (groups.length === 0) {
    ctx.print('No port groups');
    return;
  }
  for (const line of renderTable(['Group', 'Ports'], groups.map((g) => [g.name, formatPortList(g.ports)]))) ctx.print(line);
}

/**
 * Issue 12: what the POWER= line says now. `ON (CTS high)`; a device without modem lines says
 * so as PORT BREAK does (`not supported by this device`); one not open is `unknown (...)`.
 */
export function powerStatusText(status: PowerStatus): string {
  if (!('state' in status)) return '-';
  if (status.state !== null) return `${status.state} (${status.line} ${status.level.toLowerCase()})`;
  return status.reason === NOT_SUPPORTED ? status.reason : `unknown (${status.reason})`;
}

function showOne(ctx: CommandContext, p: PortView, power: PowerStatus): void {
  const d = describe(ctx, p);
  ctx.data({ port: p, power });
  const lines = renderFields([
    ['Port', String(p.port)], ['Name', p.name ?? '-'], ['TD', p.td], ['Baud', String(p.baud)], ['Size', String(p.dataBits)],
    ['Parity', p.parity], ['Stop', String(p.stopBits)], ['Flow', p.flow], ['Timeout', d.timeout],
    ['Char', d.char], ['Share', d.share], ['Socket', p.socket === null ? 'default' : String(p.socket)],
    ['Log', p.log ? 'ON' : 'OFF'], ['Power', p.power], ['Power status', powerStatusText(power)], ['Toggle', p.toggle],
    ['Status', p.status], ['TX bytes', String(p.counters.txBytes)], ['RX bytes', String(p.counters.rxBytes)],
    ['Dropped bytes', String(p.counters.droppedBytes)], ['Errors', String(p.counters.errors)],
    ['Users', String(p.users)],
  ]);
  for (const line of lines) ctx.print(line);
  if (p.connections.length === 0) return;
  // Issue 12: who is connected, with the session they are in and their mode (SHOW SESSIONS' modes).
  const rows = p.connections.map((c) => [c.user, c.session, c.mode]);
  for (const line of renderTable(['User', 'Session', 'Mode'], rows)) ctx.print(`  ${line}`);
}

const VIEWS = ['ALL', 'NAMES', 'GROUPS'] as const;

export const showPort: CommandDeclaration<CommandContext> = {
  path: ['SHOW', 'PORT', '[<which>]'],
  syntax: 'SHOW PORT [n|ALL|NAMES|GROUPS]',
  help: [
    'Shows the settings of one port or of every port you may see, the port names, or the port groups.',
    'A port with no NAME= shows its default name, xx-xx-xx-Pn (last 3 octets of the MAC, port number).',
    'SHOW PORT n adds the power status (the POWER= line read now), the counters since start-up',
    '(TX/RX bytes, output dropped for slow clients, device errors: losses and failed opens), and',
    'who is connected: user, session and mode (rw = originator, shared, exclusive, listen).',
  ].join('\n'),
  async run(ctx, args): Promise<CommandResult> {
    const which = args.words.get('which');
    const view = which === undefined ? { kind: 'one' as const, keyword: 'ALL' } : matchKeyword(which.text, VIEWS);
    if (view.kind === 'ambiguous') return failure(cliError('ambiguousKeyword', view.keywords.join(' or ')), which!.token);
    if (view.kind === 'one') {
      if (view.keyword === 'NAMES') showNames(ctx);
      else if (view.keyword === 'GROUPS') showGroups(ctx);
      else showAll(ctx);
      return;
    }
    const port = portWord(ctx, args, 'which');
    if (isFailure(port)) return port;
    const shown = ctx.services.ports.get(ctx, port);
    if (!shown.ok) return refusalFailure(shown, args, { port: 'which' });
    const power = await ctx.services.ports.powerStatus(ctx, port);
    showOne(ctx, shown.port, power.ok ? power.power : { power: shown.port.power, state: null, reason: 'not known' });
  },
};
