/** SPEC §6 `SERVER CLI [CHAR=^<c>] [TIMEOUT=<min>] [HISTORY=KEEP|CLEAR]` (SCON). */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { saveServerSettings, serverParams, serverPatch } from './server-write.js';

export const serverCli: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'CLI'],
  syntax: 'SERVER CLI [CHAR=^<c>] [TIMEOUT=<min>] [HISTORY=KEEP|CLEAR]',
  help: [
    'CHAR= is the access character that takes a connected user to the CLI (default ^D).',
    'TIMEOUT= is the idle time-out for ports whose own TIMEOUT is 0 (0 = never).',
    'HISTORY=KEEP keeps a port\'s history buffer (PORT n HISTORY) when its session ends;',
    'HISTORY=CLEAR empties the buffer as the last user leaves the port (default KEEP).',
  ].join('\n'),
  right: 'SCON',
  params: serverParams('CLI'),
  run: (ctx, args) => saveServerSettings(ctx, args, 'CLI', serverPatch('CLI', args), 'CHAR=, TIMEOUT= or HISTORY='),
};
