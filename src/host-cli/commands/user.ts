import type { Argv, CommandModule } from 'yargs';
import { promptNewPassword } from '../hidden-prompt.js';
import { cliValue, runLine, type CommonOptions } from '../run-line.js';

interface UserOptions extends CommonOptions {
  name?: string; access?: string; group?: string; key?: string; password?: string; passwordStdin?: boolean;
}

async function readStdinPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * The password to send: --password-stdin, --password, or for `user add` at a terminal with
 * neither nor --key, typed twice unechoed (as the appliance CLI's USER ADD asks). Null when the
 * typing failed (the reason is printed and the exit status set).
 */
async function passwordOf(argv: UserOptions, asking: boolean): Promise<string | undefined | null> {
  if (argv.passwordStdin === true) return readStdinPassword();
  if (argv.password !== undefined || !asking || argv.key !== undefined || process.stdin.isTTY !== true) return argv.password;
  const typed = await promptNewPassword(argv.name ?? '');
  if (typed.ok) return typed.password;
  process.stderr.write(`ccmd: user not added: ${typed.why}\n`);
  process.exitCode = 1;
  return null;
}

async function userParams(argv: UserOptions, password: string | undefined): Promise<string> {
  const params: string[] = [];
  if (password !== undefined) params.push(`PASSWORD=${cliValue(password)}`);
  if (argv.key !== undefined) params.push(`KEY=${cliValue(argv.key)}`);
  if (argv.access !== undefined) params.push(`ACCESS=${argv.access}`);
  if (argv.group !== undefined) params.push(`GROUP=${argv.group}`);
  return params.join(' ');
}

function withCredentials(y: Argv<CommonOptions>): Argv<UserOptions> {
  return y.positional('name', { type: 'string', demandOption: true })
    .option('access', { type: 'string', describe: 'e.g. P1-4,SMON or =+BREAK' })
    .option('group', { type: 'string' })
    .option('key', { type: 'string', describe: 'OpenSSH public key line' })
    .option('password', { type: 'string', describe: 'visible in ps: prefer --password-stdin' })
    .option('password-stdin', { type: 'boolean', describe: 'read the password from standard input' });
}

const verb = (name: string, describe: string, keyword: string, hasParams: boolean): CommandModule<CommonOptions, UserOptions> => ({
  command: `${name} <name>`,
  describe,
  builder: (y) => (hasParams ? withCredentials(y) : y.positional('name', { type: 'string', demandOption: true })) as Argv<UserOptions>,
  handler: async (argv) => {
    const password = hasParams ? await passwordOf(argv, keyword === 'ADD') : undefined;
    if (password === null) return;
    await runLine(`USER ${keyword} ${argv.name} ${hasParams ? await userParams(argv, password) : ''}`.trim(), argv);
  },
});

export const userCommand: CommandModule<CommonOptions, CommonOptions> = {
  command: 'user <command>',
  describe: 'Manage users (USER ADD|SET|DELETE|LOGOUT|UNLOCK, SHOW USER ALL)',
  builder: (y) => y
    .command(verb('add', 'Add a user', 'ADD', true))
    .command(verb('set', 'Change a user', 'SET', true))
    .command(verb('delete', 'Delete a user', 'DELETE', false))
    .command(verb('logout', 'Log a user out of every session', 'LOGOUT', false))
    .command(verb('unlock', 'Unlock a locked-out user', 'UNLOCK', false))
    .command({ command: 'list', describe: 'List users', handler: (argv) => runLine('SHOW USER ALL', argv as CommonOptions) })
    .example('$0 user add jdoe --access P1-4,SMON', 'at a terminal: asks for the password twice, unechoed')
    .example('echo secret123 | $0 user add jdoe --access P1-4,SMON --password-stdin', '')
    .demandCommand(1),
  handler: () => undefined,
};
