import type { CommandModule, Options } from 'yargs';
import type { CommonOptions } from '../run-line.js';

interface ServeOptions extends CommonOptions {
  profile?: string; config?: string; bind?: string;
  telnetPort?: number; sshPort?: number; portTelnetBase?: number; portSshBase?: number; webPort?: number;
}

/** `serve`'s options, one table for yargs (`ccmd serve --help`) and for `serveFromArgs`. */
const SERVE_OPTIONS = {
  profile: { type: 'string', describe: 'ccm850 | ccm1650 | ccm4850 (default ccm1650)' },
  config: { type: 'string', describe: 'JSON config file (see config/ccmd.example.json)' },
  bind: { type: 'string', describe: 'listen address (default 127.0.0.1)' },
  'telnet-port': { type: 'number', describe: 'Telnet CLI (default 2323; 0 = off)' },
  'ssh-port': { type: 'number', describe: 'SSH CLI (default 2222; 0 = off)' },
  'port-telnet-base': { type: 'number', describe: 'port n on base+n (default 3000; 0 = off)' },
  'port-ssh-base': { type: 'number', describe: 'port n on base+n (default 3100; 0 = off)' },
  'web-port': { type: 'number', describe: 'web console, JSON API and /metrics (default 8080; 0 = off)' },
} as const satisfies Record<string, Options>;

async function serve(argv: ServeOptions): Promise<void> {
  // The daemon's modules (zod, ssh2, SQLite, the web server...) load only here: the host
  // commands (`ccmd exec`, `ccmd port ...`) never pay for them (issue 14, ~14 MB of RSS).
  const [{ runDaemon }, { ConfigError }] = await Promise.all([import('../../runtime/daemon.js'), import('../../config/load.js')]);
  try {
    await runDaemon({
      configFile: argv.config,
      overrides: {
        profile: argv.profile, dataDir: argv.data ?? process.env.CCMD_DATA, bind: argv.bind,
        telnetPort: argv.telnetPort, sshPort: argv.sshPort,
        portTelnetBase: argv.portTelnetBase, portSshBase: argv.portSshBase, webPort: argv.webPort,
      },
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`ccmd: bad configuration: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}

/** SPEC §8: `ccmd serve` runs the daemon; a listener given port 0 is off. */
export const serveCommand: CommandModule<CommonOptions, ServeOptions> = {
  command: 'serve',
  describe: 'Run the daemon (simulated devices on ports with no device configured)',
  builder: (y) => y.options(SERVE_OPTIONS),
  handler: serve,
};

/**
 * `ccmd serve ...` without yargs (issue 14: yargs stays loaded for the daemon's whole life, about
 * 6 MB of RSS). Returns the daemon's run, or null when the arguments are anything this plain
 * parse does not cover (help, an unknown option, a bad number): yargs then handles them, with
 * its usual messages.
 */
export async function serveFromArgs(args: readonly string[]): Promise<Promise<void> | null> {
  if (args[0] !== 'serve') return null;
  const { parseArgs } = await import('node:util');
  const options = {
    data: { type: 'string' }, json: { type: 'boolean' },
    ...Object.fromEntries(Object.keys(SERVE_OPTIONS).map((name) => [name, { type: 'string' }])),
  } as const;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: args.slice(1), options, strict: true, allowPositionals: false }).values;
  } catch {
    return null;
  }
  const argv: Record<string, string | number | boolean | undefined> = { data: values.data, json: values.json };
  for (const [name, spec] of Object.entries(SERVE_OPTIONS)) {
    const value = values[name];
    if (typeof value !== 'string') continue;
    const number = Number(value);
    if (spec.type === 'number' && (value.trim() === '' || !Number.isFinite(number))) return null;
    argv[name.replace(/-(.)/g, (_, c: string) => c.toUpperCase())] = spec.type === 'number' ? number : value;
  }
  return serve(argv as ServeOptions);
}
