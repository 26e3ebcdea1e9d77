/**
 * SPEC §6 `SHOW SERVER [CLI|SECURITY|SHARE]` (decided: also SSH; no topic shows every one).
 * Any logged-in user may look: nothing here is secret.
 */
import { DEFAULT_LOCKOUT_THRESHOLD } from '../../domain/lockout.js';
import type { ServerSettings } from '../../config/settings.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { formatMinutes, renderFields } from '../show-format.js';

type Topic = 'SHARE' | 'CLI' | 'SECURITY' | 'SSH';
const TOPICS: readonly Topic[] = ['SHARE', 'CLI', 'SECURITY', 'SSH'];

function section(topic: Topic, s: ServerSettings): { data: Record<string, unknown>; fields: [string, string][] } {
  switch (topic) {
    case 'SHARE':
      return { data: { share: s.share, queryTimeoutSeconds: s.queryTimeoutSeconds },
        fields: [['Share mode', s.share], ['Share timeout', `${s.queryTimeoutSeconds} s`]] };
    case 'CLI':
      return { data: { cliChar: s.cliChar, cliTimeoutMinutes: s.cliTimeoutMinutes, cliHistory: s.cliHistory },
        fields: [['CLI char', s.cliChar], ['CLI timeout', formatMinutes(s.cliTimeoutMinutes, 'never')], ['CLI history', s.cliHistory]] };
    case 'SECURITY':
      return { data: { lockoutHours: s.lockoutHours },
        fields: [['Lockout', s.lockoutHours === 0 ? 'off' : `${s.lockoutHours} h after ${DEFAULT_LOCKOUT_THRESHOLD} failed logins`]] };
    case 'SSH':
      return { data: { sshEnabled: s.sshEnabled, sshAuth: s.sshAuth },
        fields: [['SSH', s.sshEnabled ? 'ENABLED' : 'DISABLED'], ['SSH auth', s.sshAuth]] };
  }
}

export const showServer: CommandDeclaration<CommandContext> = {
  path: ['SHOW', 'SERVER', '[<topic:CLI|SECURITY|SHARE|SSH>]'],
  syntax: 'SHOW SERVER [CLI|SECURITY|SHARE|SSH]',
  help: 'Shows the appliance settings: share mode, CLI, security (lockout) and SSH.',
  run(ctx, args) {
    const chosen = args.words.get('topic')?.text as Topic | undefined;
    const settings = ctx.services.server.get();
    const parts = (chosen === undefined ? TOPICS : [chosen]).map((t) => section(t, settings));
    ctx.data(Object.assign({}, ...parts.map((p) => p.data)));
    for (const line of renderFields(parts.flatMap((p) => p.fields))) ctx.print(line);
  },
};
