/**
 * SPEC §6 `USER LOGOUT <name>` (USER right): ends every port connection and login of a user,
 * each told `Logged out by <user>` (SPEC §7). Decided: an ADMIN may not log out an
 * APPLIANCEADMIN; logging out yourself is QUIT's job; a user with no session is an error.
 */
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { knownUser, outranked, wordOf } from './admin-words.js';

/** Does the broker hold a connection or request of `user` on any port? */
function holdsPorts(ctx: CommandContext, user: string): boolean {
  return ctx.app.broker().ports.some((p) => p.connections.some((c) => c.user === user) || p.pending.some((r) => r.user === user));
}

/** Ends `user`'s port connections (broker) and logins (notice first); false when there were none. */
export function dropUser(ctx: CommandContext, user: string): boolean {
  const ports = holdsPorts(ctx, user);
  if (ports) ctx.app.dispatch({ type: 'logoutUser', user, by: { user: ctx.user, level: ctx.level } });
  const logins = [...ctx.app.logins()].filter((l) => l.user === user);
  for (const login of logins) login.endLogin({ kind: 'loggedOut', user: ctx.user });
  return ports || logins.length > 0;
}

export const userLogout: CommandDeclaration<CommandContext> = {
  path: ['USER', 'LOGOUT', '<name>'],
  syntax: 'USER LOGOUT <name>',
  help: 'Logs a user out of every login and port connection. An ADMIN cannot log out an APPLIANCEADMIN.',
  right: 'USER',
  run(ctx, args) {
    const name = wordOf(args, 'name');
    const target = knownUser(ctx, name.text);
    const loggedIn = [...ctx.app.logins()].some((l) => l.user === name.text) || holdsPorts(ctx, name.text);
    if (target === null && !loggedIn) return failure(cliError('noSuchUser', name.text), name.token);
    if (name.text === ctx.user) return failure(cliError('notPermitted', 'use QUIT to log yourself out'), name.token);
    const above = outranked(ctx, target, name.token, 'log out');
    if (above) return above;
    if (!dropUser(ctx, name.text)) return failure(cliError('noSuchSession', `${name.text} is not logged in`), name.token);
    ctx.app.audit(ctx, 'USER LOGOUT', name.text);
  },
};
