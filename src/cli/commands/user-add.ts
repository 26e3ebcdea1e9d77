/**
 * SPEC §6 `USER ADD <name> [PASSWORD=] [KEY=] [ACCESS=] [GROUP=]` (USER right; services/users.ts).
 * Without PASSWORD= or KEY= at a login, the password is asked for twice and not echoed, so the
 * manual's own `user add JDoe access=applianceadmin` works as typed while every user still keeps
 * a password or a key (SPEC §3); a one-shot `ccmd exec` line has no one to ask and is refused.
 */
import { cliError } from '../../domain/errors.js';
import { passwordQuestions, typedTwice, type TypedPassword } from '../../domain/typed-password.js';
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext, SessionControl } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { wordOf } from './admin-words.js';
import { USER_FIELDS, USER_PARAMS, userChanges } from './user-edit.js';

/** The password typed twice at the questions, or why there is none. */
async function typedPassword(session: SessionControl, name: string): Promise<TypedPassword> {
  const [firstQuestion, againQuestion] = passwordQuestions(name);
  const first = await session.askSecret(firstQuestion);
  // Nothing typed: the second question would be for nothing.
  if (first === null || first === '') return typedTwice(first, null);
  return typedTwice(first, await session.askSecret(againQuestion));
}

export const userAdd: CommandDeclaration<CommandContext> = {
  path: ['USER', 'ADD', '<name>'],
  syntax: 'USER ADD <name> [PASSWORD=] [KEY=] [ACCESS=] [GROUP=]',
  help: [
    'Adds a user. Names and passwords are 3-16 characters; the user needs a password or an SSH key.',
    'Without PASSWORD= or KEY=, asks for the password twice (not echoed; not from ccmd exec).',
    'Names are unique ignoring case (jdoe cannot sit beside JDoe); logins match the name exactly.',
    'ACCESS= lists rights and ports (PCON,SCON,SMON,USER,BREAK,PALL,P<n>,P<x-y>) or a level',
    '(APPLIANCEADMIN, ADMIN, USER); default PALL,SMON.',
    'KEY= is one OpenSSH public key line in quotes. GROUP= names existing port groups.',
  ].join('\n'),
  right: 'USER',
  params: USER_PARAMS,
  async run(ctx, args) {
    const name = wordOf(args, 'name');
    let changes = userChanges(args);
    const asking = changes.password === undefined && changes.keys === undefined && ctx.session !== null;
    if (asking) {
      const typed = await typedPassword(ctx.session, name.text);
      if (!typed.ok) return failure(cliError('userChangeRefused', typed.why), name.token);
      changes = { ...changes, password: typed.password };
    }
    const added = await ctx.services.users.add(ctx, name.text, changes);
    if (added.ok) return;
    // A typed password has no PASSWORD= on the line to point at: point at the name.
    return asking && added.field === 'password' ? failure(added.error, name.token) : refusalFailure(added, args, USER_FIELDS);
  },
};
