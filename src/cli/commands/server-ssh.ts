/**
 * SPEC §6 `SERVER SSH ENABLE|DISABLE [AUTH=PW|KEY|PW|KEY|PW&KEY]` (SCON). Decided: the keyword
 * may be left out to change AUTH= alone. PW|KEY accepts either method, PW&KEY needs both.
 */
import type { ServerSettings, SshAuth } from '../../store/server-settings-repository.js';
import type { CommandDeclaration, ParamCheck } from '../command.js';
import type { CommandContext } from '../context.js';
import { saveServerSettings } from './server-write.js';

const AUTH_VALUES: readonly SshAuth[] = ['PW', 'KEY', 'PW|KEY', 'PW&KEY'];

/** Exact values only (any case): `PW` must not abbreviate `PW|KEY`. */
const sshAuth: ParamCheck = (value) => {
  const upper = value.toUpperCase() as SshAuth;
  return AUTH_VALUES.includes(upper) ? { ok: true, value: upper } : { ok: false, detail: `expected ${AUTH_VALUES.join(', ')}` };
};

export const serverSsh: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'SSH', '[<mode:ENABLE|DISABLE>]'],
  syntax: 'SERVER SSH ENABLE|DISABLE [AUTH=PW|KEY|PW|KEY|PW&KEY]',
  help: [
    'Turns SSH logins on or off and sets how SSH users authenticate: PW (password), KEY',
    '(public key), PW|KEY (either) or PW&KEY (both). Put AUTH values with | or & as typed.',
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
