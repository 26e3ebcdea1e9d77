/**
 * SPEC §6 `USER SET <name> [PASSWORD=] [KEY=] [ACCESS=] [GROUP=]`. Needs the USER right, except
 * that anyone may change their own password (so the registry's rights check is not used here).
 */
import { failure, type CommandArgs, type CommandDeclaration, type CommandFailure } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { endOfLine } from '../tokenizer.js';
import { firstWord, outranked, wordOf } from './admin-words.js';
import { isFailure } from './session-words.js';
import { planUserEdit, USER_PARAMS, userWriteFailure } from './user-edit.js';

const NEEDS_USER = 'needs the USER right';

/** Without USER: only one's own PASSWORD=; the refusal points where the registry's would. */
function selfServiceRefusal(ctx: CommandContext, args: CommandArgs<CommandContext>): CommandFailure | null {
  if (ctx.hasRight('USER')) return null;
  if (wordOf(args, 'name').text !== ctx.user) return failure(cliError('insufficientPrivileges', NEEDS_USER), firstWord(args));
  const other = [...args.params.entries()].find(([key]) => key !== 'PASSWORD');
  return other ? failure(cliError('insufficientPrivileges', NEEDS_USER), other[1].token) : null;
}

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
    const refusal = selfServiceRefusal(ctx, args);
    if (refusal) return refusal;
    const name = wordOf(args, 'name');
    if (args.params.size === 0) return failure(cliError('missingParameter', 'PASSWORD=, KEY=, ACCESS= or GROUP='), endOfLine(args.line));
    const current = ctx.app.store.users.get(name.text);
    if (current === null) return failure(cliError('noSuchUser', name.text), name.token);
    const above = outranked(ctx, current, name.token, 'change');
    if (above) return above;
    const plan = planUserEdit(ctx, args, current);
    if (isFailure(plan)) return plan;
    const written = await ctx.app.store.users.update(name.text, plan.edit);
    if (!written.ok) return userWriteFailure(written, args);
    ctx.app.audit(ctx, 'USER SET', `${name.text} ${plan.summary}`);
  },
};
