/** SPEC §6 `USER ADD <name> [PASSWORD=] [KEY=] [ACCESS=] [GROUP=]` (USER right; services/users.ts). */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { wordOf } from './admin-words.js';
import { USER_FIELDS, USER_PARAMS, userChanges } from './user-edit.js';

export const userAdd: CommandDeclaration<CommandContext> = {
  path: ['USER', 'ADD', '<name>'],
  syntax: 'USER ADD <name> [PASSWORD=] [KEY=] [ACCESS=] [GROUP=]',
  help: [
    'Adds a user. Names and passwords are 3-16 characters; the user needs a password or an SSH key.',
    'Names are unique ignoring case (jdoe cannot sit beside JDoe); logins match the name exactly.',
    'ACCESS= lists rights and ports (PCON,SCON,SMON,USER,BREAK,PALL,P<n>,P<x-y>) or a level',
    '(APPLIANCEADMIN, ADMIN, USER); default PALL,SMON.',
    'KEY= is one OpenSSH public key line in quotes. GROUP= names existing port groups.',
  ].join('\n'),
  right: 'USER',
  params: USER_PARAMS,
  async run(ctx, args) {
    const added = await ctx.services.users.add(ctx, wordOf(args, 'name').text, userChanges(args));
    if (!added.ok) return refusalFailure(added, args, USER_FIELDS);
  },
};
