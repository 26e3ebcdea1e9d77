#!/usr/bin/env node
/** The `ccmd` command: the daemon and the host command line (SPEC §8). */
import './heap-tuning.js'; // first: V8 settings before any module allocates (issue 14)
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { consoleCommand } from './host-cli/commands/console.js';
import { execCommand } from './host-cli/commands/exec.js';
import { portCommand } from './host-cli/commands/port.js';
import { serveCommand } from './host-cli/commands/serve.js';
import { sessionCommand, sessionsCommand } from './host-cli/commands/sessions.js';
import { userCommand } from './host-cli/commands/user.js';

await yargs(hideBin(process.argv))
  .scriptName('ccmd')
  .option('data', { type: 'string', global: true, describe: 'data directory (default ./data or $CCMD_DATA)' })
  .option('json', { type: 'boolean', global: true, describe: 'machine-readable output' })
  .command(serveCommand)
  .command(execCommand)
  .command(consoleCommand)
  .command(portCommand)
  .command(userCommand)
  .command(sessionsCommand)
  .command(sessionCommand)
  .demandCommand(1, 'Say what to do: ccmd serve, ccmd exec "SHOW SESSIONS", ccmd --help')
  .strict()
  .help()
  .parseAsync();
