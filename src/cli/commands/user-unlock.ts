/**
 * SPEC §6 `USER UNLOCK <name>` (USER right): clears a SPEC §9 login lockout (services/users.ts).
 * Unlocking a user who is not locked succeeds and changes nothing visible.
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { wordOf } from './admin-words.js';

export const userUnlock: CommandDeclaration<CommandContext> = {
  path: ['USER', 'UNLOCK', '<name>'],
  syntax: 'USER UNLOCK <name>',
  help: 'Unlocks a user locked out after failed logins. An ADMIN cannot unlock an APPLIANCEADMIN.',
  right: 'USER',
  run(ctx, args) {
    const unlocked = ctx.services.users.unlock(ctx, wordOf(args, 'name').text);
    if (!unlocked.ok) return refusalFailure(unlocked, args);
  },
};
