/**
 * `ccmd token create|list|revoke` (issue 10): API bearer tokens for scripts, made from the host
 * through the control socket (acting as the console, SPEC §9). The token is printed once.
 */
import type { CommandModule } from 'yargs';
import { runRequest, type CommonOptions } from '../run-line.js';

interface CreateOptions extends CommonOptions { user: string; hours?: number; label?: string }

export const tokenCommand: CommandModule<CommonOptions, CommonOptions> = {
  command: 'token <command>',
  describe: 'API bearer tokens for scripts (create, list, revoke)',
  builder: (y) => y
    .command({
      command: 'create <user>',
      describe: 'Make a token for <user>; printed once (use: Authorization: Bearer <token>)',
      builder: (b) => b.positional('user', { type: 'string', demandOption: true })
        .option('hours', { type: 'number', describe: 'lifetime in hours (default 12, at most 720)' })
        .option('label', { type: 'string', describe: 'what it is for, shown by token list' }),
      handler: (argv) => {
        const a = argv as unknown as CreateOptions;
        const ttlSeconds = a.hours === undefined ? undefined : Math.round(a.hours * 3600);
        return runRequest({ type: 'token', request: { action: 'create', user: a.user, ttlSeconds, label: a.label } }, a);
      },
    })
    .command({
      command: 'list',
      describe: 'List tokens (never their secrets)',
      builder: (b) => b.option('user', { type: 'string', describe: 'only this user\'s' }),
      handler: (argv) => {
        const a = argv as unknown as CommonOptions & { user?: string };
        return runRequest({ type: 'token', request: { action: 'list', user: a.user } }, a);
      },
    })
    .command({
      command: 'revoke <id>',
      describe: 'Revoke a token by its id (from token list)',
      builder: (b) => b.positional('id', { type: 'string', demandOption: true }),
      handler: (argv) => {
        const a = argv as unknown as CommonOptions & { id: string };
        return runRequest({ type: 'token', request: { action: 'revoke', id: a.id } }, a);
      },
    })
    .example('$0 token create backup-script --hours 720 --label nightly', '')
    .demandCommand(1),
  handler: () => undefined,
};
