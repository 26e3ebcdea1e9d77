/** SPEC §6 `SERVER CLI [CHAR=^<c>] [TIMEOUT=<min>] [HISTORY=KEEP|CLEAR]` (SCON). */
import type { ServerSettings } from '../../store/server-settings-repository.js';
import type { CommandDeclaration, ParamCheck } from '../command.js';
import type { CommandContext } from '../context.js';
import { integer, oneOf } from '../param-checks.js';
import { accessChar } from './port-settings-edit.js';
import { saveServerSettings } from './server-write.js';

/** The appliance-wide character cannot be "none": CHAR= must name one. */
const requiredChar: ParamCheck = (value, op) => (value === '' ? { ok: false, detail: 'expected ^ followed by one character, e.g. ^D' } : accessChar(value, op));

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
  params: {
    CHAR: { check: requiredChar },
    TIMEOUT: { check: integer(0, 10_080) },
    HISTORY: { check: oneOf('KEEP', 'CLEAR') },
  },
  run(ctx, args) {
    const value = (key: string) => args.params.get(key)?.value;
    const patch: Partial<ServerSettings> = {
      ...(args.params.has('CHAR') ? { cliChar: value('CHAR') as string } : {}),
      ...(args.params.has('TIMEOUT') ? { cliTimeoutMinutes: value('TIMEOUT') as number } : {}),
      ...(args.params.has('HISTORY') ? { cliHistory: value('HISTORY') as ServerSettings['cliHistory'] } : {}),
    };
    return saveServerSettings(ctx, args, 'SERVER CLI', patch, 'CHAR=, TIMEOUT= or HISTORY=');
  },
};
