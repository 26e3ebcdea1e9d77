import type { Argv, CommandModule, Options } from 'yargs';
import type { SettingRow } from '../../config/settings.js';
import { cliValue, runLine, type CommonOptions } from '../run-line.js';

type PortSetOptions = CommonOptions & { ports: string } & Record<string, string | number | undefined>;

type SettingShapeOf = typeof import('../../cli/setting-params.js').settingShape;

/** One option per row of the settings table (config/settings.ts): `--baud`, `--share`, ... */
function optionOf(row: SettingRow, settingShape: SettingShapeOf): Options {
  const shape = settingShape(row);
  switch (shape.kind) {
    case 'number': return { type: 'number', describe: row.about, ...(shape.choices ? { choices: shape.choices } : {}) };
    case 'keyword': return { type: 'string', describe: row.about, choices: shape.choices.map((c) => c.toLowerCase()) };
    case 'on-off': return { type: 'string', describe: row.about, choices: ['on', 'off'] };
    case 'text': return { type: 'string', describe: row.about };
  }
}

interface PortSetOption {
  readonly key: string;
  readonly option: string;
  /** The value is a keyword to upper-case. */
  readonly keyword: boolean;
  readonly spec: Options;
}

/**
 * The CLI key and option of each row of the settings table. Loaded only when `port set` is
 * parsed (an async builder): the table's zod schemas cost ~14 MB, which every other `ccmd`
 * invocation would pay for nothing (issue 14).
 */
async function portSetOptions(): Promise<PortSetOption[]> {
  const [{ PORT_SETTINGS }, { settingShape }] = await Promise.all([
    import('../../config/settings.js'), import('../../cli/setting-params.js'),
  ]);
  return Object.values(PORT_SETTINGS).map((row) => ({
    key: row.key ?? '', option: (row.key ?? '').toLowerCase(),
    keyword: ['keyword', 'on-off'].includes(settingShape(row).kind), spec: optionOf(row, settingShape),
  }));
}

let loadedOptions: PortSetOption[] = [];

/** `ccmd port set 3 --share query --baud 115200` → `PORT 3 SET SHARE=QUERY BAUD=115200`. */
const portSetCommand: CommandModule<CommonOptions, PortSetOptions> = {
  command: 'set <ports>',
  describe: 'Change port settings (PORT <n|n-m|ALL> SET ...)',
  builder: async (y) => {
    loadedOptions = await portSetOptions();
    let built = y.positional('ports', { type: 'string', demandOption: true, describe: 'n, n-m or ALL' }) as Argv<CommonOptions>;
    for (const o of loadedOptions) built = built.option(o.option, o.spec);
    return built.option('group', { type: 'string', describe: 'port groups: g, +g or -g (as GROUP=)' })
      .example('$0 port set 3 --share query --baud 115200', '') as unknown as Argv<PortSetOptions>;
  },
  handler: (argv) => {
    const params = [...loadedOptions, { key: 'GROUP', option: 'group', keyword: false }]
      .filter((o) => argv[o.option] !== undefined)
      .map((o) => {
        const value = argv[o.option]!;
        return `${o.key}=${cliValue(o.keyword ? String(value).toUpperCase() : value)}`;
      });
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
