import type { CommandModule } from 'yargs';
import { runLine, type CommonOptions } from '../run-line.js';

export const execCommand: CommandModule<CommonOptions, CommonOptions & { line: string }> = {
  command: 'exec <line>',
  describe: 'Run one appliance CLI command on the running daemon',
  builder: (y) => y.positional('line', { type: 'string', demandOption: true, describe: 'e.g. "SHOW SESSIONS"' })
    .example('$0 exec "SHOW PORT 3"', 'show port 3 settings'),
  handler: (argv) => runLine(argv.line, argv),
};
