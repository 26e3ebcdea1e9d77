/**
 * SPEC §6 `USER UNLOCK <name>` (USER right): clears a SPEC §9 login lockout. Decided like
 * USER LOGOUT: an ADMIN may not unlock an APPLIANCEADMIN (the lock may be stopping an attack on
 * a stronger account). Unlocking a user who is not locked succeeds and changes nothing visible.
 */
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { knownUser, outranked, wordOf } from './admin-words.js';

export const userUnlock: CommandDeclaration<CommandContext> = {
  path: ['USER', 'UNLOCK', '<name>'],
  syntax: 'USER UNLOCK <name>',
  help: 'Unlocks a user locked out after failed logins. An ADMIN cannot unlock an APPLIANCEADMIN.',
  right: 'USER',
  run(ctx, args) {
    const name = wordOf(args, 'name');
    const target = knownUser(ctx, name.text);
    if (target === null) return failure(cliError('noSuchUser', name.text), name.token);
    const above = outranked(ctx, target, name.token, 'unlock');
    if (above) return above;
    if (target.source === 'LOCAL') ctx.app.store.users.unlock(name.text);
    else ctx.app.remoteLockouts.clear(name.text);
    ctx.app.audit(ctx, 'USER UNLOCK', name.text);
  },
};
