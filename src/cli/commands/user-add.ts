/** SPEC §6 `USER ADD <name> [PASSWORD=] [KEY=] [ACCESS=] [GROUP=]` (USER right). */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { isFailure } from './session-words.js';
import { wordOf } from './admin-words.js';
import { planUserEdit, USER_PARAMS, userWriteFailure } from './user-edit.js';

export const userAdd: CommandDeclaration<CommandContext> = {
  path: ['USER', 'ADD', '<name>'],
  syntax: 'USER ADD <name> [PASSWORD=] [KEY=] [ACCESS=] [GROUP=]',
  help: [
    'Adds a user. Names and passwords are 3-16 characters; the user needs a password or an SSH key.',
    'ACCESS= lists rights and ports (PCON,SCON,SMON,USER,BREAK,PALL,P<n>,P<x-y>); default PALL,SMON.',
    'KEY= is one OpenSSH public key line in quotes. GROUP= names existing port groups.',
  ].join('\n'),
  right: 'USER',
  params: USER_PARAMS,
  async run(ctx, args) {
    const name = wordOf(args, 'name').text;
    const plan = planUserEdit(ctx, args, null);
    if (isFailure(plan)) return plan;
    const written = await ctx.app.store.users.add(name, plan.edit, ctx.app.now());
    if (!written.ok) return userWriteFailure(written, args);
    ctx.app.audit(ctx, 'USER ADD', `${name} ${plan.summary}`.trim());
  },
};
