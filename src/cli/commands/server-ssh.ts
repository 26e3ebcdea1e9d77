/**
 * SPEC §6 `SERVER SSH ENABLE|DISABLE [AUTH=PW|KEY|PW|KEY|PW&KEY]` (SCON). Decided: the keyword
 * may be left out to change AUTH= alone. PW|KEY accepts either method, PW&KEY needs both.
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { saveServerSettings, serverParams, serverPatch } from './server-write.js';

export const serverSsh: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'SSH', '[<mode:ENABLE|DISABLE>]'],
  syntax: 'SERVER SSH ENABLE|DISABLE [AUTH=PW|KEY|PW|KEY|PW&KEY]',
  help: [
    'Turns SSH logins on or off and sets how SSH users authenticate: PW (password), KEY',
    '(public key), PW|KEY (either) or PW&KEY (both). Put AUTH values with | or & as typed.',
  ].join('\n'),
  right: 'SCON',
  params: serverParams('SSH'),
  run(ctx, args) {
    const mode = args.words.get('mode')?.text;
    const patch = serverPatch('SSH', args, mode === undefined ? {} : { sshEnabled: mode === 'ENABLE' });
    return saveServerSettings(ctx, args, 'SSH', patch, 'ENABLE|DISABLE or AUTH=');
  },
};
