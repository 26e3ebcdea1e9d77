/**
 * SPEC §6 `SHOW SERVER [CLI|SECURITY|SHARE]` (decided: also SSH; no topic shows every one).
 * Issue 15 adds RADIUS, LDAP and TACACS; issue 12 the time and uptime. Any logged-in user may
 * look: secrets are never shown.
 */
import { DEFAULT_LOCKOUT_THRESHOLD } from '../../domain/lockout.js';
import type { AuthSettingsView } from '../../services/auth-settings.js';
import type { ServerSettings } from '../../config/settings.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import type { ApplianceStatus } from '../../services/appliance.js';
import { isoUtc } from '../../services/session-status.js';
import { formatMinutes, formatUptime, renderFields } from '../show-format.js';
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

/**
 * Issue 12 item 11: the appliance itself, first when no topic is given: the time now in UTC
 * (the host's clock: SERVER SET does not set it), the uptime of this run (a SERVER REBOOT starts
 * a new one) and the profile.
 */
function applianceSection(status: ApplianceStatus): { data: Record<string, unknown>; fields: [string, string][] } {
  return {
    data: { ...status },
    fields: [['Time', isoUtc(status.time)], ['Uptime', formatUptime(status.uptimeSeconds * 1000)],
      ['Started', isoUtc(status.startedAt)], ['Profile', `${status.profile} (${status.ports} ports)`],
      ['MAC address', status.mac]],
  };
}

export const showServer: CommandDeclaration<CommandContext> = {
  path: ['SHOW', 'SERVER', '[<topic:CLI|SECURITY|SHARE|SSH|RADIUS|LDAP|TACACS>]'],
  syntax: 'SHOW SERVER [CLI|SECURITY|SHARE|SSH|RADIUS|LDAP|TACACS]',
  help: [
    'Shows the appliance: with no topic, first the time now (UTC), the uptime since the daemon',
    'started (SERVER REBOOT starts it again) and the profile; then the settings: share mode, CLI,',
    'security (lockout, authentication), SSH and the authentication servers.',
  ].join('\n'),
  run(ctx, args) {
    const chosen = args.words.get('topic')?.text as Topic | undefined;
    const settings = ctx.services.server.get();
    const auth = ctx.services.auth.view();
    const topics = (chosen === undefined ? TOPICS : [chosen]).map((t) => section(t, settings, auth));
    const parts = chosen === undefined ? [applianceSection(ctx.services.appliance.status()), ...topics] : topics;
    ctx.data(Object.assign({}, ...parts.map((p) => p.data)));
    for (const line of renderFields(parts.flatMap((p) => p.fields))) ctx.print(line);
  },
};
