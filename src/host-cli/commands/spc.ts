import type { CommandModule } from 'yargs';
import { runLine, type CommonOptions } from '../run-line.js';

interface SpcOptions extends CommonOptions { port: string; action: string; outlet?: number }

/** Issue 12: `ccmd spc 16 cycle 3` → `SPC 16 CYCLE 3` (`--json` gives the outlets). */
export const spcCommand: CommandModule<CommonOptions, SpcOptions> = {
  command: 'spc <port> <action> [outlet]',
  describe: 'Power strip on a TD=SPC port (SPC <n> STATUS [outlet] | ON|OFF|CYCLE <outlet>)',
  builder: (y) => y
    .positional('port', { type: 'string', demandOption: true, describe: 'the strip\'s port (number or name)' })
    .positional('action', { type: 'string', demandOption: true, choices: ['status', 'on', 'off', 'cycle'] })
    .positional('outlet', { type: 'number', describe: 'outlet number (every outlet for status when omitted)' })
    .example('$0 spc 16 cycle 3', '') as never,
  handler: (argv) => runLine(`SPC ${argv.port} ${argv.action.toUpperCase()}${argv.outlet === undefined ? '' : ` ${argv.outlet}`}`, argv),
};
