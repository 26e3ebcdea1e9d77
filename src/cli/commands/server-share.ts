/** SPEC §4/§6 `SERVER SHARE [DISABLE|AUTO|QUERY] [TIMEOUT=<seconds>]` (SCON). */
import { SERVER_SETTINGS } from '../../config/settings.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { saveServerSettings, serverParams, serverPatch } from './server-write.js';

const MODES = SERVER_SETTINGS.share.schema.options.join('|');

export const serverShare: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'SHARE', `[<mode:${MODES}>]`],
  syntax: `SERVER SHARE [${MODES}] [TIMEOUT=<seconds>]`,
  help: [
    "Sets the appliance's share mode (ports with SHARE=SERVER follow it) and how long the",
    "session originator has to answer a share request (default 30 s; no answer means no).",
  ].join('\n'),
  right: 'SCON',
  params: serverParams('SHARE'),
  run(ctx, args) {
    const mode = args.words.get('mode')?.text;
    const patch = serverPatch('SHARE', args, mode === undefined ? {} : { share: mode });
    return saveServerSettings(ctx, args, 'SHARE', patch, `${MODES} or TIMEOUT=`);
  },
};
