/**
 * SPEC §6 `SHOW USER [name|ALL]`. No name: the caller's own record, for anyone. Another user
 * or ALL needs the USER right. Never shows a password or its hash (SPEC §3).
 */
import type { UserSnapshot } from '../../services/users.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { renderFields, renderTable } from '../show-format.js';

function credentials(u: UserSnapshot): string {
  const keys = u.keys.length === 0 ? [] : [`${u.keys.length} key${u.keys.length === 1 ? '' : 's'}`];
  return [...(u.password ? ['password'] : []), ...keys].join(', ') || '-';
}

function status(ctx: CommandContext, u: UserSnapshot): string {
  if (u.lockedUntil !== null) return `locked ${Math.ceil((u.lockedUntil - ctx.services.now()) / 60_000)} min`;
  return u.logins > 0 ? `logged in (${u.logins})` : '-';
}

function showOne(ctx: CommandContext, u: UserSnapshot): void {
  ctx.data({ user: u });
  const lines = renderFields([
    ['Name', u.name], ['Level', u.level], ['Access', u.access || '-'], ['Groups', u.groups.join(',') || '-'],
    ['Login with', credentials(u)], ...u.keys.map((k): [string, string] => ['Key', k]),
    ['Failed logins', String(u.failedLogins)], ['Status', status(ctx, u)],
  ]);
  for (const line of lines) ctx.print(line);
}

function showAll(ctx: CommandContext, users: readonly UserSnapshot[]): void {
  ctx.data({ users });
  const rows = users.map((u) => [u.name, u.level, u.access || '-', u.groups.join(',') || '-', credentials(u), status(ctx, u)]);
  for (const line of renderTable(['User', 'Level', 'Access', 'Groups', 'Login with', 'Status'], rows)) ctx.print(line);
}

export const showUser: CommandDeclaration<CommandContext> = {
  path: ['SHOW', 'USER', '[<name>]'],
  syntax: 'SHOW USER [name|ALL]',
  help: 'Shows your own user record; with a name or ALL (USER right), other users.',
  run(ctx, args) {
    const name = args.words.get('name')?.text ?? ctx.user;
    // `All` is reserved as a user name (SPEC §3), so ALL in any case means every user.
    if (name.toUpperCase() === 'ALL') {
      const all = ctx.services.users.list(ctx);
      return all.ok ? showAll(ctx, all.users) : refusalFailure(all, args);
    }
    const one = ctx.services.users.get(ctx, name);
    return one.ok ? showOne(ctx, one.user) : refusalFailure(one, args);
  },
};
