import type { CommandModule } from 'yargs';
import { cliValue, runLine, type CommonOptions } from '../run-line.js';

interface PortSetOptions extends CommonOptions {
  ports: string;
  name?: string; baud?: number; size?: number; parity?: string; stop?: number; flow?: string;
  timeout?: number; char?: string; share?: string; group?: string; log?: string;
}

/** `ccmd port set 3 --share query --baud 115200` → `PORT 3 SET SHARE=QUERY BAUD=115200`. */
const portSetCommand: CommandModule<CommonOptions, PortSetOptions> = {
  command: 'set <ports>',
  describe: 'Change port settings (PORT <n|n-m|ALL> SET ...)',
  builder: (y) => y
    .positional('ports', { type: 'string', demandOption: true, describe: 'n, n-m or ALL' })
    .option('name', { type: 'string' })
    .option('baud', { type: 'number' })
    .option('size', { type: 'number', choices: [7, 8] })
    .option('parity', { type: 'string', choices: ['none', 'even', 'odd'] })
    .option('stop', { type: 'number', choices: [1, 2] })
    .option('flow', { type: 'string', choices: ['none', 'xonxof', 'rtscts'] })
    .option('timeout', { type: 'number', describe: 'idle time-out in minutes (0 = never)' })
    .option('char', { type: 'string', describe: 'CLI access character, e.g. ^D' })
    .option('share', { type: 'string', choices: ['disable', 'auto', 'query', 'server'] })
    .option('group', { type: 'string' })
    .option('log', { type: 'string', choices: ['on', 'off'] })
    .example('$0 port set 3 --share query --baud 115200', ''),
  handler: (argv) => {
    const keys = ['name', 'baud', 'size', 'parity', 'stop', 'flow', 'timeout', 'char', 'share', 'group', 'log'] as const;
    const params = keys.filter((k) => argv[k] !== undefined)
      .map((k) => `${k.toUpperCase()}=${cliValue(typeof argv[k] === 'string' && k !== 'name' && k !== 'char' && k !== 'group'
        ? (argv[k] as string).toUpperCase() : argv[k] as string | number)}`);
    return runLine(`PORT ${argv.ports} SET ${params.join(' ')}`.trim(), argv);
  },
};

export const portCommand: CommandModule<CommonOptions, CommonOptions> = {
  command: 'port <command>',
  describe: 'Port settings and actions',
  builder: (y) => y
    .command(portSetCommand)
    .command({ command: 'show [ports]', describe: 'SHOW PORT [n|ALL|NAMES|GROUPS]',
      handler: (argv) => runLine(`SHOW PORT ${String((argv as { ports?: string }).ports ?? '')}`.trim(), argv as CommonOptions) })
    .command({ command: 'break <port>', describe: 'Send a serial break (PORT n BREAK)',
      handler: (argv) => runLine(`PORT ${String((argv as { port?: string }).port)} BREAK`, argv as CommonOptions) })
    .command({ command: 'logout <port>', describe: 'End every connection on a port (PORT n LOGOUT)',
      handler: (argv) => runLine(`PORT ${String((argv as { port?: string }).port)} LOGOUT`, argv as CommonOptions) })
    .demandCommand(1),
  handler: () => undefined,
};
