/**
 * The user database's invariants, SPEC §3, checked on the state a change would produce (as
 * ConMan checks its object model after every change). The store calls `checkUserChange` inside
 * the transaction that commits the change, so the database never holds a state that breaks them.
 */
import type { Profile } from './profile.js';
import { hasRight, type AccessList } from './rights.js';

/** What the invariants need to know about a stored user (no secrets). */
export interface UserSummary {
  readonly name: string;
  readonly hasPassword: boolean;
  readonly keyCount: number;
  readonly access: AccessList;
  readonly groups: readonly string[];
}

/**
 * A change to the user database. `password` is the new plaintext when one is being set, so its
 * length can be checked before it is hashed; `user` is the whole record as it will be stored.
 */
export type UserChange =
  | { readonly kind: 'add'; readonly user: UserSummary; readonly password?: string }
  | { readonly kind: 'update'; readonly user: UserSummary; readonly password?: string }
  | { readonly kind: 'delete'; readonly name: string };

export type UserErrorCode =
  | 'name-length' | 'name-characters' | 'name-reserved' | 'name-taken' | 'no-such-user'
  | 'password-length' | 'no-credential' | 'no-user-admin' | 'too-many-users' | 'too-many-groups'
  | 'bad-key';

/** `token` is the offending value (name, password placeholder, group...) for the CLI to underline. */
export interface UserError {
  readonly ok: false;
  readonly code: UserErrorCode;
  readonly message: string;
  readonly token: string;
}
export type UserCheck = { readonly ok: true } | UserError;

export type UserLimits = Pick<Profile, 'maxUsers' | 'groupsPerUser'>;

export const NAME_MIN = 3;
export const NAME_MAX = 16;
export const PASSWORD_MIN = 3;
export const PASSWORD_MAX = 16;

/**
 * Decided: names are letters, digits, `_`, `.`, `@` and `-`. The login grammar (SPEC §2) gives
 * meaning to `:` and spaces, and lists use `,`, so those can never be part of a name.
 */
const NAME_CHARACTERS = /^[A-Za-z0-9_.@-]+$/;

function userError(code: UserErrorCode, token: string, message: string): UserError {
  return { ok: false, code, token, message };
}

/** Decided: uniqueness ignores case (`admin` cannot sit beside `Admin`), logins match exactly. */
export function sameUserName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function checkUserName(name: string): UserCheck {
  const length = [...name].length;
  if (length < NAME_MIN || length > NAME_MAX) {
    return userError('name-length', name, `User name '${name}' must be ${NAME_MIN}-${NAME_MAX} characters`);
  }
  if (!NAME_CHARACTERS.test(name)) {
    return userError('name-characters', name, `User name '${name}' may hold only letters, digits, _ . @ -`);
  }
  // `All` is the keyword of `SHOW USER ALL` (SPEC §3).
  if (sameUserName(name, 'All')) return userError('name-reserved', name, `User name '${name}' is reserved`);
  return { ok: true };
}

export function checkPassword(password: string): UserCheck {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
    return userError('password-length', password,
      `Password must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters`);
  }
  return { ok: true };
}

/** Invariants that concern one record on its own. */
function checkRecord(user: UserSummary, limits: UserLimits): UserCheck {
  if (!user.hasPassword && user.keyCount === 0) {
    return userError('no-credential', user.name, `User '${user.name}' must keep a password or a key`);
  }
  if (user.groups.length > limits.groupsPerUser) {
    return userError('too-many-groups', user.groups[limits.groupsPerUser] ?? user.name,
      `User '${user.name}' may belong to at most ${limits.groupsPerUser} port groups`);
  }
  return { ok: true };
}

/** The user a change is about. */
function nameOf(change: UserChange): string {
  return change.kind === 'delete' ? change.name : change.user.name;
}

/** The users as they would be after `change`, or the error that makes the change impossible. */
function applyChange(users: readonly UserSummary[], change: UserChange): readonly UserSummary[] | UserError {
  const name = nameOf(change);
  const index = users.findIndex((u) => u.name === name);
  if (change.kind === 'add') {
    const clash = users.find((u) => sameUserName(u.name, name));
    if (clash) return userError('name-taken', name, `User '${clash.name}' already exists`);
    return [...users, change.user];
  }
  if (index < 0) return userError('no-such-user', name, `No user '${name}'`);
  if (change.kind === 'delete') return users.filter((_, i) => i !== index);
  return users.map((u, i) => (i === index ? change.user : u));
}

/**
 * Checks every SPEC §3 invariant on the state `change` would produce: name 3–16 characters,
 * not `All`, unique (ignoring case); a new password 3–16 characters; the user keeps a password
 * or a key; at most `groupsPerUser` groups; at most `maxUsers` users; some user keeps USER.
 */
export function checkUserChange(users: readonly UserSummary[], change: UserChange, limits: UserLimits): UserCheck {
  if (change.kind === 'add') {
    const named = checkUserName(change.user.name);
    if (!named.ok) return named;
  }
  if (change.kind !== 'delete') {
    if (change.password !== undefined) {
      const pw = checkPassword(change.password);
      if (!pw.ok) return pw;
    }
    const record = checkRecord(change.user, limits);
    if (!record.ok) return record;
  }
  const after = applyChange(users, change);
  if (!Array.isArray(after)) return after as UserError;
  if (after.length > limits.maxUsers) {
    return userError('too-many-users', nameOf(change), `At most ${limits.maxUsers} users`);
  }
  if (!after.some((u) => hasRight(u.access, 'USER'))) {
    return userError('no-user-admin', nameOf(change), 'At least one user must keep the USER right');
  }
  return { ok: true };
}
