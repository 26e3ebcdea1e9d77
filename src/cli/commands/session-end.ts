/**
 * SPEC §5/§6 `SESSION <id> END`: the initiator, ADMIN or APPLIANCEADMIN ends a running session;
 * the broker tells every connection `Session ended by <user>` and drops it (services/sessions.ts).
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { idWord } from './session-view.js';

export const sessionEnd: CommandDeclaration<CommandContext> = {
  path: ['SESSION', '<id>', 'END'],
  syntax: 'SESSION <id> END',
  help: 'Ends a running session: every connection on its port is told and dropped.\nOnly its initiator or an administrator may end it.',
  run(ctx, args) {
    const ended = ctx.services.sessions.end(ctx, idWord(args));
    if (!ended.ok) return refusalFailure(ended, args);
    ctx.print(`Session ${ended.id} on port ${ended.port} ended`);
  },
};
