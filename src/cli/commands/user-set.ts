/**
 * SPEC §6 `USER SET <name> [PASSWORD=] [KEY=] [ACCESS=] [GROUP=]`. Needs the USER right, except
 * that anyone may change their own password (services/users.ts), so the registry's rights check
 * is not used here.
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { wordOf } from './admin-words.js';
import { USER_FIELDS, USER_PARAMS, userChanges } from './user-edit.js';

export const userSet: CommandDeclaration<CommandContext> = {
  path: ['USER', 'SET', '<name>'],
  syntax: 'USER SET <name> [PASSWORD=] [KEY=] [ACCESS=] [GROUP=]',
  help: [
    'Changes a user. ACCESS=, GROUP= and KEY= take =list (replace), =+list (add), =-list (remove).',
    'PASSWORD= with no value removes the password (the user must keep an SSH key).',
    'Anyone may change their own password; everything else needs the USER right.',
  ].join('\n'),
  params: USER_PARAMS,
  async run(ctx, args) {
    const updated = await ctx.services.users.update(ctx, wordOf(args, 'name').text, userChanges(args));
    if (!updated.ok) return refusalFailure(updated, args, USER_FIELDS);
  },
};
