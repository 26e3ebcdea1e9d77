/**
 * SPEC §6 `USER SET [<name>] [PASSWORD=] [KEY=] [ACCESS=] [GROUP=]`. Needs the USER right, except
 * that anyone may change their own password (services/users.ts), so the registry's rights check
 * is not used here. The name may be left out (the manual; issue 12): the change is to yourself,
 * so `USER SET PASSWORD=...` changes your own password.
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { USER_FIELDS, USER_PARAMS, userChanges } from './user-edit.js';

export const userSet: CommandDeclaration<CommandContext> = {
  path: ['USER', 'SET', '[<name>]'],
  syntax: 'USER SET [<name>] [PASSWORD=] [KEY=] [ACCESS=] [GROUP=]',
  help: [
    'Changes a user. ACCESS=, GROUP= and KEY= take =list (replace), =+list (add), =-list (remove).',
    'PASSWORD= with no value removes the password (the user must keep an SSH key).',
    'Anyone may change their own password (USER SET PASSWORD=... with no name changes yours);',
    'everything else needs the USER right.',
  ].join('\n'),
  params: USER_PARAMS,
  async run(ctx, args) {
    const name = args.words.get('name')?.text ?? ctx.user;
    const updated = await ctx.services.users.update(ctx, name, userChanges(args));
    if (!updated.ok) return refusalFailure(updated, args, USER_FIELDS);
  },
};
