import type { CommandModule } from 'yargs';
import { runLine, type CommonOptions } from '../run-line.js';

export const sessionsCommand: CommandModule<CommonOptions, CommonOptions & { busy?: boolean }> = {
  command: 'sessions',
  describe: 'List every port and its session (SHOW SESSIONS)',
  builder: (y) => y.option('busy', { type: 'boolean', describe: 'only ports with a session' }),
  handler: (argv) => runLine(argv.busy === true ? 'SHOW SESSIONS BUSY' : 'SHOW SESSIONS', argv),
};

interface SessionOptions extends CommonOptions { id: string; access?: string }

export const sessionCommand: CommandModule<CommonOptions, CommonOptions> = {
  command: 'session <command>',
  describe: 'Show, end or restrict one session',
  builder: (y) => y
    .command({ command: 'show <id>', describe: 'Session information (SHOW SESSION <id>)',
      handler: (argv) => runLine(`SHOW SESSION ${(argv as unknown as SessionOptions).id}`, argv as CommonOptions) })
    .command({ command: 'history <id>', describe: 'Session history (SHOW SESSION <id> HISTORY)',
      handler: (argv) => runLine(`SHOW SESSION ${(argv as unknown as SessionOptions).id} HISTORY`, argv as CommonOptions) })
    .command({ command: 'end <id>', describe: 'End a session (SESSION <id> END)',
      handler: (argv) => runLine(`SESSION ${(argv as unknown as SessionOptions).id} END`, argv as CommonOptions) })
    .command({ command: 'access <id> <access>', describe: 'SESSION <id> SET ACCESS=PUBLIC|PRIVATE',
      handler: (argv) => {
        const a = argv as unknown as SessionOptions;
        return runLine(`SESSION ${a.id} SET ACCESS=${String(a.access).toUpperCase()}`, a);
      } })
    .demandCommand(1),
  handler: () => undefined,
};
