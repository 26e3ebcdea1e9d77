import type { CommandModule } from 'yargs';
import type { CommonOptions } from '../run-line.js';

interface ServeOptions extends CommonOptions {
  profile?: string; config?: string; bind?: string;
  telnetPort?: number; sshPort?: number; portTelnetBase?: number; portSshBase?: number; webPort?: number;
}

/** SPEC §8: `ccmd serve` runs the daemon; a listener given port 0 is off. */
export const serveCommand: CommandModule<CommonOptions, ServeOptions> = {
  command: 'serve',
  describe: 'Run the daemon (simulated devices on ports with no device configured)',
  builder: (y) => y
    .option('profile', { type: 'string', describe: 'ccm850 | ccm1650 | ccm4850 (default ccm1650)' })
    .option('config', { type: 'string', describe: 'JSON config file (see config/ccmd.example.json)' })
    .option('bind', { type: 'string', describe: 'listen address (default 127.0.0.1)' })
    .option('telnet-port', { type: 'number', describe: 'Telnet CLI (default 2323; 0 = off)' })
    .option('ssh-port', { type: 'number', describe: 'SSH CLI (default 2222; 0 = off)' })
    .option('port-telnet-base', { type: 'number', describe: 'port n on base+n (default 3000; 0 = off)' })
    .option('port-ssh-base', { type: 'number', describe: 'port n on base+n (default 3100; 0 = off)' })
    .option('web-port', { type: 'number', describe: 'web console, JSON API and /metrics (default 8080; 0 = off)' }),
  handler: async (argv) => {
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
  },
};
