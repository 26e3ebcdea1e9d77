/** The `ccmd` command line (SPEC §8): yargs over the daemon and the host commands. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { consoleCommand } from './commands/console.js';
import { execCommand } from './commands/exec.js';
import { portCommand } from './commands/port.js';
import { serveCommand } from './commands/serve.js';
import { sessionCommand, sessionsCommand } from './commands/sessions.js';
import { tokenCommand } from './commands/token.js';
import { userCommand } from './commands/user.js';
import { authCommand } from './commands/auth.js';
import { spcCommand } from './commands/spc.js';

await yargs(hideBin(process.argv))
  .scriptName('ccmd')
  .option('data', { type: 'string', global: true, describe: 'data directory (default ./data or $CCMD_DATA)' })
  .option('json', { type: 'boolean', global: true, describe: 'machine-readable output' })
  .command(serveCommand)
  .command(execCommand)
  .command(consoleCommand)
  .command(portCommand)
  .command(userCommand)
  .command(authCommand)
  .command(sessionsCommand)
  .command(sessionCommand)
  .command(tokenCommand)
  .command(spcCommand)
  .demandCommand(1, 'Say what to do: ccmd serve, ccmd exec "SHOW SESSIONS", ccmd --help')
  .strict()
  .help()
  .parseAsync();
