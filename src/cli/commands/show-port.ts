/**
 * SPEC §6 `SHOW PORT [n|ALL|NAMES|GROUPS]`. Decided: no argument means ALL; holders of PCON or
 * SMON see every port, anyone else only the ports they can reach (SPEC §3, BY GROUP), and the
 * GROUPS list of a user without PCON, SMON or USER holds only their own groups.
 */
import type { PortView } from '../../services/ports.js';
import type { PortSettings } from '../../config/settings.js';
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

function showOne(ctx: CommandContext, p: PortView): void {
  const d = describe(ctx, p);
  ctx.data({ port: p });
  const lines = renderFields([
    ['Port', String(p.port)], ['Name', p.name ?? '-'], ['Baud', String(p.baud)], ['Size', String(p.dataBits)],
    ['Parity', p.parity], ['Stop', String(p.stopBits)], ['Flow', p.flow], ['Timeout', d.timeout],
    ['Char', d.char], ['Share', d.share], ['Socket', p.socket === null ? 'default' : String(p.socket)],
    ['Log', p.log ? 'ON' : 'OFF'], ['Status', p.status], ['Users', String(p.users)],
  ]);
  for (const line of lines) ctx.print(line);
}

const VIEWS = ['ALL', 'NAMES', 'GROUPS'] as const;

export const showPort: CommandDeclaration<CommandContext> = {
  path: ['SHOW', 'PORT', '[<which>]'],
  syntax: 'SHOW PORT [n|ALL|NAMES|GROUPS]',
  help: 'Shows the settings of one port or of every port you may see, the port names, or the port groups.',
  run(ctx, args): CommandResult {
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
    showOne(ctx, shown.port);
  },
};
