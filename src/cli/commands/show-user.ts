/**
 * SPEC §6 `SHOW USER [name|ALL]` in the manual's layouts (issue 12 item 6).
 * - ALL: the columns `User Pass Key Lock Level Access` (YES/NO for Pass, Key, Lock), then one
 *   column of ours after them, `Source` (issue 15: LOCAL, RADIUS, LDAP or TACACS), so a script
 *   reading the manual's six columns by position still finds them where the manual has them.
 * - One user: `User`, `Level`, `Access`, `Port Access` (BY GROUP / BY PORT), `Locked` (with ours,
 *   `Locked until`, under it while locked), `Last Login`, then ours (`Source`, `Groups`, `Pass`,
 *   one `Key` line per key, `Failed logins`), then a table
 *   with one row per login now: `Port Duration Socket From`.
 * No name: the caller's own record with the rights they logged in with, as the manual's does;
 * anyone may. Another user or ALL needs the USER right. Never a password or its hash (SPEC §3).
 */
import type { UserConnection, UserSnapshot } from '../../services/users.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { isoUtc } from '../../services/session-status.js';
import { formatDuration, formatUptime, renderFields, renderTable, yesNo } from '../show-format.js';

/** The manual's ALL columns, in its order; ours come after them. */
export const SHOW_USER_ALL_COLUMNS = ['User', 'Pass', 'Key', 'Lock', 'Level', 'Access', 'Source'] as const;

/** The manual's Last Login is the system up time at login; ours adds the UTC time it was. */
function lastLogin(ctx: CommandContext, at: number | null): string {
  if (at === null) return 'never';
  const started = ctx.services.startedAt();
  return at >= started ? `${isoUtc(at)} (uptime ${formatUptime(at - started)})` : isoUtc(at);
}

/** Ours, only while locked: when the lock ends (the manual's `Locked` stays a plain YES/NO). */
function lockedUntil(ctx: CommandContext, until: number | null): [string, string][] {
  if (until === null) return [];
  return [['Locked until', `${isoUtc(until)} (${Math.ceil((until - ctx.services.now()) / 60_000)} min)`]];
}

function connectionRow(ctx: CommandContext, c: UserConnection): string[] {
  return [c.port === null ? 'CLI' : String(c.port), formatDuration(ctx.services.now() - c.since),
    c.socket === null ? '-' : String(c.socket), c.from];
}

function showOne(ctx: CommandContext, u: UserSnapshot): void {
  ctx.data({ user: u });
  const lines = renderFields([
    ['User', u.name], ['Level', u.level], ['Access', u.access || '-'], ['Port Access', u.portAccess],
    ['Locked', yesNo(u.lockedUntil !== null)], ...lockedUntil(ctx, u.lockedUntil), ['Last Login', lastLogin(ctx, u.lastLoginAt)],
    ['Source', u.source], ['Groups', u.groups.join(',') || '-'], ['Pass', yesNo(u.password)],
    ...u.keys.map((k): [string, string] => ['Key', k]), ['Failed logins', String(u.failedLogins)],
  ]);
  for (const line of lines) ctx.print(line);
  if (u.connections.length === 0) return;
  ctx.print('');
  const rows = u.connections.map((c) => connectionRow(ctx, c));
  for (const line of renderTable(['Port', 'Duration', 'Socket', 'From'], rows)) ctx.print(line);
}

function showAll(ctx: CommandContext, users: readonly UserSnapshot[]): void {
  ctx.data({ users });
  const rows = users.map((u) => [u.name, yesNo(u.password), yesNo(u.keys.length > 0), yesNo(u.lockedUntil !== null),
    u.level, u.access || '-', u.source]);
  for (const line of renderTable(SHOW_USER_ALL_COLUMNS, rows)) ctx.print(line);
}

export const showUser: CommandDeclaration<CommandContext> = {
  path: ['SHOW', 'USER', '[<name>]'],
  syntax: 'SHOW USER [name|ALL]',
  help: [
    'No name: your own record, with the rights you logged in with (a change made since shows',
    'with SHOW USER <your name>). A name, or ALL, needs the USER right.',
    'ALL: User, Pass, Key, Lock (YES/NO), Level, Access, then Source (LOCAL, RADIUS, LDAP, TACACS).',
    'One user: Level, Access, Port Access (BY GROUP once any port group exists, unless PALL;',
    'else BY PORT), Locked, Last Login (UTC, and the uptime then), Source, Groups, keys, then one',
    'row per login now: Port (CLI when at the prompt), Duration, Socket (the TCP port it came in',
    'on), From (client address:port).',
  ].join('\n'),
  run(ctx, args) {
    const typed = args.words.get('name')?.text;
    // `All` is reserved as a user name (SPEC §3), so ALL in any case means every user.
    if (typed?.toUpperCase() === 'ALL') {
      const all = ctx.services.users.list(ctx);
      return all.ok ? showAll(ctx, all.users) : refusalFailure(all, args);
    }
    const one = typed === undefined ? ctx.services.users.self(ctx, ctx.accessAtLogin ?? null) : ctx.services.users.get(ctx, typed);
    return one.ok ? showOne(ctx, one.user) : refusalFailure(one, args);
  },
};
