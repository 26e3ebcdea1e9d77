/**
 * Issue 15 host commands for central authentication, over the control socket like the rest:
 * `ccmd auth show`, `ccmd auth methods RADIUS,LOCAL`, `ccmd auth radius|tacacs|ldap ...`,
 * `ccmd auth ldap-group <dn> <access|NONE>`. Secrets are read from standard input
 * (`--secret-stdin`, `--bind-password-stdin`) so they never appear in `ps` or shell history.
 */
import type { Argv, CommandModule } from 'yargs';
import { cliValue, runLine, type CommonOptions } from '../run-line.js';

interface AuthOptions extends CommonOptions {
  topic?: string; methods?: string; primary?: string; secondary?: string; timeout?: number; retries?: number;
  default?: string; login?: string; service?: string; secretStdin?: boolean; base?: string; bindDn?: string;
  bindPasswordStdin?: boolean; userAttr?: string; dn?: string; access?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** `KEY=value` for each option given, in the CLI's syntax. */
function params(argv: AuthOptions, keys: Readonly<Record<string, keyof AuthOptions>>): string[] {
  return Object.entries(keys).flatMap(([key, option]) => (argv[option] === undefined ? [] : [`${key}=${cliValue(String(argv[option]))}`]));
}

const SERVER_OPTIONS = { PRIMARY: 'primary', SECONDARY: 'secondary', TIMEOUT: 'timeout', DEFAULT: 'default' } as const;

function serverCommand(method: 'radius' | 'tacacs'): CommandModule<CommonOptions, AuthOptions> {
  return {
    command: method,
    describe: `Set the ${method === 'radius' ? 'RADIUS' : 'TACACS+'} servers (SERVER ${method.toUpperCase()})`,
    builder: (y) => y
      .option('primary', { type: 'string', describe: 'host[:port] or NONE' })
      .option('secondary', { type: 'string', describe: 'host[:port] or NONE' })
      .option('secret-stdin', { type: 'boolean', describe: 'read the shared secret of the servers given from standard input' })
      .option('timeout', { type: 'number', describe: 'seconds per try (1-60)' })
      .option('default', { type: 'string', describe: 'rights for users the server grants none (e.g. PALL,SMON), or NONE' })
      .option(method === 'radius' ? 'retries' : 'login', method === 'radius'
        ? { type: 'number', describe: 'retries per server (0-5)' }
        : { type: 'string', describe: 'ASCII or PAP' })
      .option('service', { type: 'string', describe: 'TACACS+ authorization service (default ccmd)', hidden: method === 'radius' }) as Argv<AuthOptions>,
    handler: async (argv) => {
      const extra: Record<string, keyof AuthOptions> = method === 'radius' ? { RETRIES: 'retries' } : { LOGIN: 'login', SERVICE: 'service' };
      const parts = params(argv, { ...SERVER_OPTIONS, ...extra });
      if (argv.secretStdin === true) {
        const secret = cliValue(await readStdin());
        if (argv.primary !== undefined && argv.primary.toUpperCase() !== 'NONE') parts.push(`PSECRET=${secret}`);
        if (argv.secondary !== undefined && argv.secondary.toUpperCase() !== 'NONE') parts.push(`SSECRET=${secret}`);
      }
      await runLine(`SERVER ${method.toUpperCase()} ${parts.join(' ')}`.trim(), argv);
    },
  };
}

const ldapCommand: CommandModule<CommonOptions, AuthOptions> = {
  command: 'ldap',
  describe: 'Set the LDAP servers and search (SERVER LDAP)',
  builder: (y) => y
    .option('primary', { type: 'string', describe: 'host[:port], ldap://host[:port], ldaps://host[:port] or NONE' })
    .option('secondary', { type: 'string' })
    .option('base', { type: 'string', describe: 'base DN searched' })
    .option('bind-dn', { type: 'string', describe: 'service account DN (empty: anonymous)' })
    .option('bind-password-stdin', { type: 'boolean', describe: 'read the service account password from standard input' })
    .option('user-attr', { type: 'string', describe: 'attribute a login name matches (default uid)' })
    .option('timeout', { type: 'number' })
    .option('default', { type: 'string' }) as Argv<AuthOptions>,
  handler: async (argv) => {
    const parts = params(argv, { ...SERVER_OPTIONS, BASE: 'base', BINDDN: 'bindDn', USERATTR: 'userAttr' });
    if (argv.bindPasswordStdin === true) parts.push(`BINDPW=${cliValue(await readStdin())}`);
    await runLine(`SERVER LDAP ${parts.join(' ')}`.trim(), argv);
  },
};

export const authCommand: CommandModule<CommonOptions, CommonOptions> = {
  command: 'auth <command>',
  describe: 'Central authentication: methods, RADIUS, LDAP, TACACS+ (SERVER SECURITY AUTH=, SERVER RADIUS|LDAP|TACACS)',
  builder: (y) => y
    .command({
      command: 'show [topic]', describe: 'Show the methods and servers (secrets never shown)',
      builder: (b) => b.positional('topic', { choices: ['security', 'radius', 'ldap', 'tacacs'] }),
      handler: async (argv) => {
        const topics = argv.topic === undefined ? ['SECURITY', 'RADIUS', 'LDAP', 'TACACS'] : [String(argv.topic).toUpperCase()];
        for (const topic of topics) await runLine(`SHOW SERVER ${topic}`, argv as AuthOptions);
      },
    })
    .command({
      command: 'methods <methods>', describe: 'The ordered methods, e.g. RADIUS,LOCAL',
      handler: (argv) => runLine(`SERVER SECURITY AUTH=${String(argv.methods)}`, argv as AuthOptions),
    })
    .command(serverCommand('radius'))
    .command(serverCommand('tacacs'))
    .command(ldapCommand)
    .command({
      command: 'ldap-group <dn> <access>', describe: 'Rights for members of an LDAP group (access NONE removes)',
      handler: (argv) => runLine(`SERVER LDAP GROUP DN=${cliValue(String(argv.dn))} ACCESS=${String(argv.access)}`, argv as AuthOptions),
    })
    .example('echo s3cret | $0 auth radius --primary 10.0.0.5 --secret-stdin', '')
    .example('$0 auth methods RADIUS,LOCAL', '')
    .demandCommand(1),
  handler: () => undefined,
};
