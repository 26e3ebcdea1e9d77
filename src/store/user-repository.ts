/**
 * The `users` table. Every write runs `checkUserChange` (SPEC §3 invariants) inside the
 * transaction that commits it; passwords are hashed before that transaction, off the event loop.
 */
import {
  afterFailure, afterSuccess, CLEAR_LOCKOUT, unlock, type LockoutPolicy, type LockoutState,
} from '../domain/lockout.js';
import {
  DEFAULT_ACCESS, formatAccessList, NO_ACCESS, parseAccessList, type AccessList,
} from '../domain/rights.js';
import {
  checkUserChange, type UserChange, type UserError, type UserLimits, type UserSummary,
} from '../domain/users.js';
import type { Db } from './db.js';
import { hashPassword } from './passwords.js';
import { parsePublicKeyLine, type AuthorisedKey } from './ssh-keys.js';

export interface StoredUser {
  readonly name: string;
  /** `scrypt$...` (passwords.ts), or null for a key-only user. */
  readonly passwordHash: string | null;
  readonly keys: readonly AuthorisedKey[];
  readonly access: AccessList;
  readonly groups: readonly string[];
  readonly lockout: LockoutState;
  readonly createdAt: number;
  /** Latest terminal login, ms since the epoch; null before the first (issue 12: SHOW USER). */
  readonly lastLoginAt: number | null;
}

/** What USER ADD / USER SET change. Absent fields stay as they are (ADD: access PALL,SMON). */
export interface UserEdit {
  /** A new password (plaintext, hashed here); null removes the password. */
  readonly password?: string | null;
  /** Replaces the authorised keys: one OpenSSH public key line each. */
  readonly keys?: readonly string[];
  readonly access?: AccessList;
  readonly groups?: readonly string[];
}

export type UserWrite = { readonly ok: true; readonly user: StoredUser } | UserError;

interface UserRow {
  name: string;
  password_hash: string | null;
  ssh_keys: string;
  access: string;
  groups: string;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  last_login_at: number | null;
}

/** Access lists are stored as text; ports are checked against the profile when edited, not here. */
const ANY_PORT = 1 << 16;

function jsonStrings(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** A row as a record. Unreadable parts fail closed: no access, no key. */
function fromRow(row: UserRow): StoredUser {
  const access = parseAccessList(row.access, ANY_PORT);
  const keys: AuthorisedKey[] = [];
  for (const line of jsonStrings(row.ssh_keys)) {
    const parsed = parsePublicKeyLine(line);
    if (parsed.ok) keys.push(parsed.key);
  }
  return {
    name: row.name,
    passwordHash: row.password_hash,
    keys,
    access: access.ok ? access.value : NO_ACCESS,
    groups: jsonStrings(row.groups),
    lockout: { failures: row.failed_logins, lockedUntil: row.locked_until },
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

function summary(user: StoredUser): UserSummary {
  return { name: user.name, hasPassword: user.passwordHash !== null, keyCount: user.keys.length,
    access: user.access, groups: user.groups };
}

function keyError(name: string, line: string, message: string): UserError {
  return { ok: false, code: 'bad-key', token: line, message: `User '${name}': ${message}` };
}

export class UserRepository {
  private readonly selectOne;
  private readonly selectAll;
  private readonly insert;
  private readonly updateRow;
  private readonly deleteRow;
  private readonly setLockoutRow;
  private readonly countRows;
  private readonly setLastLoginRow;

  constructor(private readonly db: Db, private readonly limits: UserLimits) {
    this.selectOne = db.prepare<[string], UserRow>('SELECT * FROM users WHERE name = ?');
    this.selectAll = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, name');
    this.insert = db.prepare(`INSERT INTO users (name, password_hash, ssh_keys, access, groups, created_at)
      VALUES (@name, @password_hash, @ssh_keys, @access, @groups, @created_at)`);
    this.updateRow = db.prepare(`UPDATE users SET password_hash = @password_hash, ssh_keys = @ssh_keys,
      access = @access, groups = @groups WHERE name = @name`);
    this.deleteRow = db.prepare('DELETE FROM users WHERE name = ?');
    this.setLockoutRow = db.prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE name = ?');
    this.countRows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
    this.setLastLoginRow = db.prepare('UPDATE users SET last_login_at = ? WHERE name = ?');
  }

  /** The user named exactly `name` (names are case-sensitive at login, SPEC §2). */
  get(name: string): StoredUser | null {
    const row = this.selectOne.get(name);
    return row === undefined ? null : fromRow(row);
  }

  /** Every user, oldest first. */
  list(): StoredUser[] {
    return this.selectAll.all().map(fromRow);
  }

  count(): number {
    return this.countRows.get()?.n ?? 0;
  }

  /** USER ADD. Checks, hashes the password, then re-checks and inserts in one transaction. */
  async add(name: string, edit: UserEdit, now: number): Promise<UserWrite> {
    const fresh: StoredUser = { name, passwordHash: null, keys: [], access: DEFAULT_ACCESS, groups: [],
      lockout: CLEAR_LOCKOUT, createdAt: now, lastLoginAt: null };
    return this.write('add', name, edit, () => fresh);
  }

  /** USER SET. The edit is merged with the row as it is at commit time. */
  async update(name: string, edit: UserEdit): Promise<UserWrite> {
    return this.write('update', name, edit, () => this.get(name));
  }

  /** USER DELETE. Returns the deleted record. */
  delete(name: string): UserWrite {
    return this.db.transaction((): UserWrite => {
      const user = this.get(name);
      const checked = checkUserChange(this.summaries(), { kind: 'delete', name }, this.limits);
      if (!checked.ok) return checked;
      this.deleteRow.run(name);
      return { ok: true, user: user as StoredUser };
    })();
  }

  /** SPEC §9: counts a failed network login and returns the new state (null: no such user). */
  recordFailedLogin(name: string, policy: LockoutPolicy, now: number): LockoutState | null {
    return this.db.transaction(() => {
      const user = this.get(name);
      if (user === null) return null;
      const next = afterFailure(user.lockout, policy, now);
      this.setLockout(name, next);
      return next;
    })();
  }

  recordSuccessfulLogin(name: string): void {
    this.setLockout(name, afterSuccess());
  }

  /** A terminal login began (SHOW USER `Last Login`); false when there is no such local user. */
  recordLogin(name: string, now: number): boolean {
    return this.setLastLoginRow.run(now, name).changes > 0;
  }

  /** USER UNLOCK: false when there is no such user. */
  unlock(name: string): boolean {
    return this.setLockout(name, unlock());
  }

  /** false when there is no such user. */
  private setLockout(name: string, state: LockoutState): boolean {
    return this.setLockoutRow.run(state.failures, state.lockedUntil, name).changes > 0;
  }

  private summaries(): UserSummary[] {
    return this.list().map(summary);
  }

  /** The record `edit` makes of `base`, with `hash` as the password when one was given. */
  private merge(base: StoredUser, edit: UserEdit, hash: string | null, keys: readonly AuthorisedKey[] | null): StoredUser {
    return {
      ...base,
      passwordHash: edit.password === undefined ? base.passwordHash : hash,
      keys: keys ?? base.keys,
      access: edit.access ?? base.access,
      groups: edit.groups ?? base.groups,
    };
  }

  private async write(kind: 'add' | 'update', name: string, edit: UserEdit,
    base: () => StoredUser | null): Promise<UserWrite> {
    const keys = this.parseKeys(name, edit.keys);
    if (keys !== null && !Array.isArray(keys)) return keys;
    const password = typeof edit.password === 'string' ? edit.password : undefined;
    // Placeholder so the first check sees "has a password" without hashing yet.
    const pending = password === undefined ? null : 'pending';
    const first = this.check(kind, name, base(), edit, pending, keys, password);
    if (!first.ok) return first;
    const hash = password === undefined ? null : await hashPassword(password);
    return this.db.transaction((): UserWrite => {
      const current = base();
      const checked = this.check(kind, name, current, edit, hash, keys, password);
      if (!checked.ok) return checked;
      const record = this.merge(current as StoredUser, edit, hash, keys);
      const row = {
        name, password_hash: record.passwordHash, ssh_keys: JSON.stringify(record.keys.map((k) => k.line)),
        access: formatAccessList(record.access), groups: JSON.stringify(record.groups), created_at: record.createdAt,
      };
      if (kind === 'add') this.insert.run(row);
      else this.updateRow.run(row);
      return { ok: true, user: this.get(name) as StoredUser };
    })();
  }

  private check(kind: 'add' | 'update', name: string, current: StoredUser | null, edit: UserEdit,
    hash: string | null, keys: readonly AuthorisedKey[] | null, password: string | undefined) {
    if (current === null) {
      return { ok: false, code: 'no-such-user', token: name, message: `No user '${name}'` } as UserError;
    }
    const user = summary(this.merge(current, edit, hash, keys));
    const change: UserChange = password === undefined ? { kind, user } : { kind, user, password };
    return checkUserChange(this.summaries(), change, this.limits);
  }

  /** null when the edit leaves the keys alone. */
  private parseKeys(name: string, lines: readonly string[] | undefined): AuthorisedKey[] | null | UserError {
    if (lines === undefined) return null;
    const keys: AuthorisedKey[] = [];
    for (const line of lines) {
      const parsed = parsePublicKeyLine(line);
      if (!parsed.ok) return keyError(name, line, parsed.message);
      keys.push(parsed.key);
    }
    return keys;
  }
}
