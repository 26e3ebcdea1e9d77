/**
 * SPEC §4/§5 `SESSION <id> SET ACCESS=PUBLIC|PRIVATE`: the initiator or an administrator marks a
 * running session; PRIVATE admits only its initiator and ADMIN/APPLIANCEADMIN users from then on
 * (services/sessions.ts).
 */
import type { SessionAccess } from '../../domain/share.js';
import { cliError } from '../../domain/errors.js';
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { oneOf } from '../param-checks.js';
import { refusalFailure } from '../refusal.js';
import { endOfLine } from '../tokenizer.js';
import { idWord } from './session-view.js';

export const sessionSetAccess: CommandDeclaration<CommandContext> = {
  path: ['SESSION', '<id>', 'SET'],
  syntax: 'SESSION <id> SET ACCESS=PUBLIC|PRIVATE',
  help: 'PRIVATE admits only the session\'s initiator and administrators; PUBLIC admits anyone with\naccess to the port. Only its initiator or an administrator may change it.',
  params: { ACCESS: { check: oneOf('PUBLIC', 'PRIVATE') } },
  run(ctx, args) {
    const param = args.params.get('ACCESS');
    if (param === undefined) return failure(cliError('missingParameter', 'ACCESS=PUBLIC|PRIVATE'), endOfLine(args.line));
    const set = ctx.services.sessions.setAccess(ctx, idWord(args), param.value as SessionAccess);
    if (!set.ok) return refusalFailure(set, args, { access: 'ACCESS' });
    ctx.print(`Session ${set.id} access ${set.access}`);
  },
};
