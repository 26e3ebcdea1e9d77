/**
 * SPEC §6 `SERVER SSH ENABLE|DISABLE [AUTH=...]` (SCON). Decided: the keyword may be left out to
 * change AUTH= alone. The manual's forms (issue 12): PW, KEY, PW|KEY or KEY|PW (either method),
 * PW&KEY or KEY&PW (both, in either order).
 */
import { parseSshAuthForm, SSH_AUTH_FORMS } from '../../domain/ssh-auth-form.js';
import type { ServerSettings, SshAuth } from '../../store/server-settings-repository.js';
import type { CommandDeclaration, ParamCheck } from '../command.js';
import type { CommandContext } from '../context.js';
import { saveServerSettings } from './server-write.js';

/** Exact forms only (any case): `PW` must not abbreviate `PW|KEY` (domain/ssh-auth-form.ts). */
const sshAuth: ParamCheck = (value) => {
  const form = parseSshAuthForm(value);
  return form !== null ? { ok: true, value: form } : { ok: false, detail: `expected ${SSH_AUTH_FORMS.join(', ')}` };
};

export const serverSsh: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'SSH', '[<mode:ENABLE|DISABLE>]'],
  syntax: 'SERVER SSH ENABLE|DISABLE [AUTH=PW|KEY|PW|KEY|KEY|PW|PW&KEY|KEY&PW]',
  help: [
    'Turns SSH logins on or off and sets how SSH users authenticate: PW (password), KEY',
    '(public key), PW|KEY or KEY|PW (either one), PW&KEY or KEY&PW (both: the password and',
    'a key of the same user, in either order). Telnet logins always use the password.',
  ].join('\n'),
  right: 'SCON',
  params: { AUTH: { check: sshAuth } },
  run(ctx, args) {
    const mode = args.words.get('mode')?.text;
    const auth = args.params.get('AUTH')?.value as SshAuth | undefined;
    const patch: Partial<ServerSettings> = {
      ...(mode === undefined ? {} : { sshEnabled: mode === 'ENABLE' }),
      ...(auth === undefined ? {} : { sshAuth: auth }),
    };
    return saveServerSettings(ctx, args, 'SERVER SSH', patch, 'ENABLE|DISABLE or AUTH=');
  },
};
