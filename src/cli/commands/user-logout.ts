/**
 * SPEC §6 `USER LOGOUT <name>` (USER right): ends every port connection and login of a user,
 * each told `Logged out by <user>` (SPEC §7; services/users.ts). An ADMIN may not log out an
 * APPLIANCEADMIN; logging out yourself is QUIT's job.
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { wordOf } from './admin-words.js';

export const userLogout: CommandDeclaration<CommandContext> = {
  path: ['USER', 'LOGOUT', '<name>'],
  syntax: 'USER LOGOUT <name>',
  help: 'Logs a user out of every login and port connection. An ADMIN cannot log out an APPLIANCEADMIN.',
  right: 'USER',
  run(ctx, args) {
    const ended = ctx.services.users.logout(ctx, wordOf(args, 'name').text);
    if (!ended.ok) return refusalFailure(ended, args);
  },
};
