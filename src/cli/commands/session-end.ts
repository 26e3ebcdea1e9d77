/**
 * SPEC §5/§6 `SESSION <id> END`: the initiator, ADMIN or APPLIANCEADMIN ends a running session;
 * the broker tells every connection `Session ended by <user>` and drops it (SPEC §4, §7).
 */
import type { CommandDeclaration } from '../command.js';
import { audit } from '../../services/access.js';
import type { CommandContext } from '../context.js';
import { mayManage, runningSession } from './session-manage.js';
import { isFailure } from './session-words.js';

export const sessionEnd: CommandDeclaration<CommandContext> = {
  path: ['SESSION', '<id>', 'END'],
  syntax: 'SESSION <id> END',
  help: 'Ends a running session: every connection on its port is told and dropped.\nOnly its initiator or an administrator may end it.',
  run(ctx, args) {
    const running = runningSession(ctx, args);
    if (isFailure(running)) return running;
    const refusal = mayManage(ctx, args, running.session.initiator);
    if (refusal !== null) return refusal;
    ctx.app.dispatch({ type: 'endSession', port: running.port.port, by: { user: ctx.user, level: ctx.level } });
    audit(ctx.app, ctx, 'SESSION END', `${running.session.id} port ${running.port.port}`);
    ctx.print(`Session ${running.session.id} on port ${running.port.port} ended`);
  },
};
