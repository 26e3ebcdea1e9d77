/**
 * SPEC §4/§5 `SESSION <id> SET ACCESS=PUBLIC|PRIVATE`: the initiator or an administrator marks a
 * running session; PRIVATE admits only its initiator and ADMIN/APPLIANCEADMIN users from then on.
 * The broker records `access-changed`; the row is written here too so the change is kept even
 * if the history write is what failed.
 */
import type { SessionAccess } from '../../domain/share.js';
import { failure, type CommandDeclaration } from '../command.js';
import { audit } from '../../services/access.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { endOfLine } from '../tokenizer.js';
import { oneOf } from '../param-checks.js';
import { mayManage, runningSession } from './session-manage.js';
import { isFailure } from './session-words.js';

export const sessionSetAccess: CommandDeclaration<CommandContext> = {
  path: ['SESSION', '<id>', 'SET'],
  syntax: 'SESSION <id> SET ACCESS=PUBLIC|PRIVATE',
  help: 'PRIVATE admits only the session\'s initiator and administrators; PUBLIC admits anyone with\naccess to the port. Only its initiator or an administrator may change it.',
  params: { ACCESS: { check: oneOf('PUBLIC', 'PRIVATE') } },
  run(ctx, args) {
    const param = args.params.get('ACCESS');
    if (param === undefined) return failure(cliError('missingParameter', 'ACCESS=PUBLIC|PRIVATE'), endOfLine(args.line));
    const running = runningSession(ctx, args);
    if (isFailure(running)) return running;
    const refusal = mayManage(ctx, args, running.session.initiator);
    if (refusal !== null) return refusal;
    const access = param.value as SessionAccess;
    const { id } = running.session;
    ctx.app.dispatch({ type: 'setAccess', port: running.port.port, access, by: { user: ctx.user, level: ctx.level } });
    try {
      ctx.app.store.sessions.setAccess(id, access);
    } catch {
      return failure(cliError('storeFailure', `access of ${id} is ${access} until it ends`), null);
    }
    audit(ctx.app, ctx, 'SESSION SET', `${id} ACCESS=${access}`);
    ctx.print(`Session ${id} access ${access}`);
  },
};
