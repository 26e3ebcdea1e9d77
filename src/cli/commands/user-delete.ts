/**
 * SPEC §6 `USER DELETE <name>` (USER right). A logged-in victim is told `Logged out by <user>`
 * (SPEC §7) and dropped: their port connections end through the broker, then their logins.
 * Issue 15: deleting a user known from a remote login forgets the record and logs them out;
 * the remote server still decides whether they may log in again.
 */
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { knownUser, outranked, wordOf } from './admin-words.js';
import { dropUser } from './user-logout.js';
import { userWriteFailure } from './user-edit.js';

export const userDelete: CommandDeclaration<CommandContext> = {
  path: ['USER', 'DELETE', '<name>'],
  syntax: 'USER DELETE <name>',
  help: 'Deletes a user and logs them out. The last user holding the USER right cannot be deleted.',
  right: 'USER',
  run(ctx, args) {
    const name = wordOf(args, 'name');
    const target = knownUser(ctx, name.text);
    if (target === null) return failure(cliError('noSuchUser', name.text), name.token);
    // Decided: deleting the login you are typing at would cut the command off mid-way.
    if (name.text === ctx.user) return failure(cliError('notPermitted', 'you cannot delete yourself'), name.token);
    const above = outranked(ctx, target, name.token, 'delete');
    if (above) return above;
    if (target.source === 'LOCAL') {
      const deleted = ctx.app.store.users.delete(name.text);
      if (!deleted.ok) return userWriteFailure(deleted, args);
    } else {
      ctx.app.store.remoteUsers.delete(name.text);
    }
    dropUser(ctx, name.text);
    ctx.app.audit(ctx, 'USER DELETE', name.text);
  },
};
