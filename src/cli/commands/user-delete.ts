/**
 * SPEC §6 `USER DELETE <name>` (USER right). A logged-in victim is told `Logged out by <user>`
 * (SPEC §7) and dropped (services/users.ts).
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { wordOf } from './admin-words.js';

export const userDelete: CommandDeclaration<CommandContext> = {
  path: ['USER', 'DELETE', '<name>'],
  syntax: 'USER DELETE <name>',
  help: 'Deletes a user and logs them out. The last user holding the USER right cannot be deleted.',
  right: 'USER',
  run(ctx, args) {
    const deleted = ctx.services.users.delete(ctx, wordOf(args, 'name').text);
    if (!deleted.ok) return refusalFailure(deleted, args);
  },
};
