/**
 * SPEC §6 `SHOW SERVER [CLI|SECURITY|SHARE]` (decided: also SSH; no topic shows every one).
 * Issue 15 adds RADIUS, LDAP and TACACS. Any logged-in user may look: secrets are never shown.
 */
import { DEFAULT_LOCKOUT_THRESHOLD } from '../../domain/lockout.js';
import type { AuthSettingsView } from '../../services/auth-settings.js';
import type { ServerSettings } from '../../config/settings.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { formatMinutes, renderFields } from '../show-format.js';
import { authSection } from './show-auth.js';

type Topic = 'SHARE' | 'CLI' | 'SECURITY' | 'SSH' | 'RADIUS' | 'LDAP' | 'TACACS';
const TOPICS: readonly Topic[] = ['SHARE', 'CLI', 'SECURITY', 'SSH', 'RADIUS', 'LDAP', 'TACACS'];

function section(topic: Topic, s: ServerSettings, auth: AuthSettingsView): { data: Record<string, unknown>; fields: [string, string][] } {
  switch (topic) {
    case 'RADIUS':
    case 'LDAP':
    case 'TACACS':
      return authSection(topic, auth);
    case 'SHARE':
      return { data: { share: s.share, queryTimeoutSeconds: s.queryTimeoutSeconds },
        fields: [['Share mode', s.share], ['Share timeout', `${s.queryTimeoutSeconds} s`]] };
    case 'CLI':
      return { data: { cliChar: s.cliChar, cliTimeoutMinutes: s.cliTimeoutMinutes, cliHistory: s.cliHistory },
        fields: [['CLI char', s.cliChar], ['CLI timeout', formatMinutes(s.cliTimeoutMinutes, 'never')], ['CLI history', s.cliHistory]] };
    case 'SECURITY':
      return { data: { lockoutHours: s.lockoutHours, auth: auth.methods },
        fields: [['Lockout', s.lockoutHours === 0 ? 'off' : `${s.lockoutHours} h after ${DEFAULT_LOCKOUT_THRESHOLD} failed logins`],
          ['Authentication', auth.methods.join(',')]] };
    case 'SSH':
      return { data: { sshEnabled: s.sshEnabled, sshAuth: s.sshAuth },
        fields: [['SSH', s.sshEnabled ? 'ENABLED' : 'DISABLED'], ['SSH auth', s.sshAuth]] };
  }
}

export const showServer: CommandDeclaration<CommandContext> = {
  path: ['SHOW', 'SERVER', '[<topic:CLI|SECURITY|SHARE|SSH|RADIUS|LDAP|TACACS>]'],
  syntax: 'SHOW SERVER [CLI|SECURITY|SHARE|SSH|RADIUS|LDAP|TACACS]',
  help: 'Shows the appliance settings: share mode, CLI, security (lockout, authentication), SSH and the authentication servers.',
  run(ctx, args) {
    const chosen = args.words.get('topic')?.text as Topic | undefined;
    const settings = ctx.services.server.get();
    const auth = ctx.services.auth.view();
    const parts = (chosen === undefined ? TOPICS : [chosen]).map((t) => section(t, settings, auth));
    ctx.data(Object.assign({}, ...parts.map((p) => p.data)));
    for (const line of renderFields(parts.flatMap((p) => p.fields))) ctx.print(line);
  },
};
