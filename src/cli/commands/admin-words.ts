/**
 * Shared pieces of the administration commands: port selections (`n`, `n-m`, `ALL`, a name),
 * who may see or act on what (SPEC §3), and the user record as commands describe it.
 */
import { compareLevels, type Level } from '../../domain/levels.js';
import { isLocked } from '../../domain/lockout.js';
import { canAccessPort, formatAccessList, levelOf } from '../../domain/rights.js';
import type { RemoteMethod } from '../../store/auth-settings-repository.js';
import type { StoredUser } from '../../store/user-repository.js';
import { failure, type CommandArgs, type CommandFailure, type Word } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { endOfLine, type Span } from '../tokenizer.js';
import { unknownPort } from './session-words.js';

/** A required capture; the registry guarantees it, this keeps the types honest. */
export function wordOf(args: CommandArgs<CommandContext>, name: string): Word {
  const word = args.words.get(name);
  if (word === undefined) throw new Error(`declaration has no <${name}>`);
  return word;
}

/** Where to point when a command has nothing better: its first word. */
export function firstWord(args: CommandArgs<CommandContext>): Span {
  return args.tokens[0] ?? endOfLine(args.line);
}

function outOfRange(ctx: CommandContext, word: Word): CommandFailure {
  return failure(cliError('portOutOfRange', `1-${ctx.app.profile.ports}`), word.token);
}

/**
 * SPEC §6 `PORT <n|n-m|ALL>`: the ports a word selects, ascending. `ALL` is any case; a range
 * must run forwards within 1..ports; anything else is a port number or name (`resolvePort`).
 */
export function portSelection(ctx: CommandContext, word: Word): number[] | CommandFailure {
  const count = ctx.app.profile.ports;
  if (word.text.toUpperCase() === 'ALL') return Array.from({ length: count }, (_, i) => i + 1);
  const range = /^([0-9]{1,6})-([0-9]{1,6})$/.exec(word.text);
  if (range !== null) {
    const first = Number(range[1]);
    const last = Number(range[2]);
    if (first < 1 || last > count || last < first) return outOfRange(ctx, word);
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  }
  const port = ctx.app.resolvePort(word.text);
  return port === null ? unknownPort(ctx, word) : [port];
}

/** Where a user's password is checked and their rights come from (issue 15). */
export type UserSource = 'LOCAL' | RemoteMethod;

/** A user as commands see them: local, or known from a remote login (issue 15). */
export interface KnownUser extends StoredUser {
  readonly source: UserSource;
}

/**
 * The local user `name`, else the user known from a remote login (no password hash, no keys,
 * no groups; the rights granted at their last login; lockout from the in-memory remote table).
 */
export function knownUser(ctx: CommandContext, name: string): KnownUser | null {
  const local = ctx.app.store.users.get(name);
  if (local !== null) return { ...local, source: 'LOCAL' };
  const remote = ctx.app.store.remoteUsers.get(name);
  if (remote === null) return null;
  return {
    name: remote.name, passwordHash: null, keys: [], access: remote.access, groups: [],
    lockout: ctx.app.remoteLockouts.get(name), createdAt: remote.firstLoginAt, source: remote.source,
  };
}

/** Every user: local ones, then those known only from remote logins (issue 15). */
export function knownUsers(ctx: CommandContext): KnownUser[] {
  const local = ctx.app.store.users.list();
  const names = new Set(local.map((u) => u.name));
  const remote = ctx.app.store.remoteUsers.list().filter((r) => !names.has(r.name));
  return [...local.map((u): KnownUser => ({ ...u, source: 'LOCAL' })),
    ...remote.map((r) => knownUser(ctx, r.name)).filter((u): u is KnownUser => u !== null)];
}

/** The caller's record (null for a caller neither the database nor a remote login holds). */
export function callerRecord(ctx: CommandContext): KnownUser | null {
  return knownUser(ctx, ctx.user);
}

/**
 * SPEC §3 port access with the BY GROUP rule, for the caller. The control socket (the serial
 * console, SPEC §2/§9) holds every right and reaches every port; any other caller the database
 * does not hold (a user deleted while logged in) reaches no port.
 */
export function callerReaches(ctx: CommandContext, port: number): boolean {
  if (ctx.client.method === 'console') return true;
  const me = callerRecord(ctx);
  return me !== null && canAccessPort(me, port, ctx.app.store.groups.list());
}

/**
 * Decided: holders of PCON or SMON see every port in SHOW PORT; anyone else sees the ports they
 * can reach (SPEC §3, BY GROUP once any group exists).
 */
export function callerSeesPort(ctx: CommandContext, port: number): boolean {
  return ctx.hasRight('PCON') || ctx.hasRight('SMON') || callerReaches(ctx, port);
}

/** The level a stored user holds (SPEC §3); a name the database does not hold is USER. */
export function levelOfUser(user: StoredUser | null): Level {
  return user === null ? 'USER' : levelOf(user.access);
}

/**
 * Decided (SPEC §3 levels, like the broker's order in §4): nobody acts on a user of a higher
 * level than their own, so an ADMIN may not log out, unlock, change or delete an APPLIANCEADMIN.
 */
export function outranked(ctx: CommandContext, target: StoredUser | null, at: Span, verb: string): CommandFailure | null {
  const level = levelOfUser(target);
  if (compareLevels(ctx.level, level) >= 0) return null;
  return failure(cliError('insufficientPrivileges', `an ${ctx.level} may not ${verb} an ${level}`), at);
}

/** What SHOW USER and --json show of a user: never a password or hash (SPEC §3). */
export interface UserSnapshot {
  readonly name: string;
  /** Issue 15: LOCAL, or the remote method that checked their last login. */
  readonly source: UserSource;
  readonly level: Level;
  readonly access: string;
  readonly groups: readonly string[];
  readonly password: boolean;
  readonly keys: readonly string[];
  readonly lockedUntil: number | null;
  readonly failedLogins: number;
  readonly logins: number;
}

export function userSnapshot(ctx: CommandContext, user: KnownUser): UserSnapshot {
  const locked = isLocked(user.lockout, ctx.app.now());
  let logins = 0;
  for (const login of ctx.app.logins()) if (login.user === user.name) logins++;
  return {
    name: user.name,
    source: user.source,
    level: levelOf(user.access),
    access: formatAccessList(user.access),
    groups: user.groups,
    password: user.passwordHash !== null,
    keys: user.keys.map((k) => `${k.algo}${k.comment === '' ? '' : ` ${k.comment}`}`),
    lockedUntil: locked ? user.lockout.lockedUntil : null,
    failedLogins: user.lockout.failures,
    logins,
  };
}
