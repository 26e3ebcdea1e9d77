/**
 * SPEC §6 `SERVER SSH ENABLE|DISABLE [AUTH=...]` (SCON). Decided: the keyword may be left out to
 * change AUTH= alone. The manual's forms (issue 12): PW, KEY, PW|KEY or KEY|PW (either method),
 * PW&KEY or KEY&PW (both, in either order; domain/ssh-auth-form.ts).
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { saveServerSettings, serverParams, serverPatch } from './server-write.js';

export const serverSsh: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'SSH', '[<mode:ENABLE|DISABLE>]'],
  syntax: 'SERVER SSH ENABLE|DISABLE [AUTH=PW|KEY|PW|KEY|KEY|PW|PW&KEY|KEY&PW]',
  help: [
    'Turns SSH logins on or off and sets how SSH users authenticate: PW (password), KEY',
    '(public key), PW|KEY or KEY|PW (either one), PW&KEY or KEY&PW (both: the password and',
    'a key of the same user, in either order). Telnet logins always use the password.',
  ].join('\n'),
  right: 'SCON',
  params: serverParams('SSH'),
  run(ctx, args) {
    const mode = args.words.get('mode')?.text;
    const patch = serverPatch('SSH', args, mode === undefined ? {} : { sshEnabled: mode === 'ENABLE' });
    return saveServerSettings(ctx, args, 'SSH', patch, 'ENABLE|DISABLE or AUTH=');
  },
};
