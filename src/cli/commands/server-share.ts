/** SPEC §4/§6 `SERVER SHARE [DISABLE|AUTO|QUERY] [TIMEOUT=<seconds>]` (SCON). */
import type { ServerSettings } from '../../store/server-settings-repository.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { integer } from '../param-checks.js';
import { saveServerSettings } from './server-write.js';

export const serverShare: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'SHARE', '[<mode:DISABLE|AUTO|QUERY>]'],
  syntax: 'SERVER SHARE [DISABLE|AUTO|QUERY] [TIMEOUT=<seconds>]',
  help: [
    "Sets the appliance's share mode (ports with SHARE=SERVER follow it) and how long the",
    "session originator has to answer a share request (default 30 s; no answer means no).",
  ].join('\n'),
  right: 'SCON',
  params: { TIMEOUT: { check: integer(1, 3600) } },
  run(ctx, args) {
    const mode = args.words.get('mode')?.text as ServerSettings['share'] | undefined;
    const timeout = args.params.get('TIMEOUT')?.value as number | undefined;
    const patch: Partial<ServerSettings> = {
      ...(mode === undefined ? {} : { share: mode }),
      ...(timeout === undefined ? {} : { queryTimeoutSeconds: timeout }),
    };
    return saveServerSettings(ctx, args, 'SERVER SHARE', patch, 'DISABLE|AUTO|QUERY or TIMEOUT=');
  },
};
