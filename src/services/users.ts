/**
 * The user database as a service (SPEC §3, §6 USER ADD|SET|DELETE|LOGOUT|UNLOCK, SHOW USER):
 * each change checks the caller's rights and level, writes, audits and tells the runtime
 * (a deleted or logged-out user's port connections end through the broker, then their logins).
 * Issue 15: users known from a remote login are shown, unlocked, logged out and deleted (their
 * record forgotten) here too; USER ADD and SET are for local users only.
 */
import { isLocked } from '../domain/lockout.js';
import { formatAccessList, levelOf } from '../domain/rights.js';
import type { UserError } from '../domain/users.js';
import { audit, outranked } from './access.js';
import { knownUser, knownUsers, type KnownUser, type UserSource } from './known-users.js';
import type { ApplianceRuntime } from './runtime.js';
import { planUserEdit, type UserChanges } from './user-changes.js';
import { done, refuse, type Actor, type Outcome, type Refusal } from './types.js';

export type { UserChanges } from './user-changes.js';

/** What SHOW USER and the API show of a user: never a password or hash (SPEC §3). */
export interface UserSnapshot {
  readonly name: string;
  /** Issue 15: LOCAL, or the remote method that checked their last login. */
  readonly source: UserSource;
  readonly level: ReturnType<typeof levelOf>;
  readonly access: string;
  readonly groups: readonly string[];
  readonly password: boolean;
  readonly keys: readonly string[];
  readonly lockedUntil: number | null;
  readonly failedLogins: number;
  readonly logins: number;
}

const NEEDS_USER = 'needs the USER right';

/**
 * The store's refusal as a service refusal, blaming the input the rule is about. The message
 * never holds a password (domain/users.ts words them without the value).
 */
function writeRefusal(error: UserError, changes: UserChanges, name: string): Refusal {
  if (error.code === 'no-such-user') return refuse('noSuchUser', name, 'name');
  const given = (field: keyof UserChanges) => (changes[field] === undefined ? undefined : field);
  const field = {
    'password-length': given('password'),
    'bad-key': given('keys'),
    'too-many-groups': given('groups'),
    'no-user-admin': given('access'),
    'no-credential': given('password') ?? given('keys'),
  }[error.code as string];
  return refuse('userChangeRefused', error.message, field ?? 'name');
}

export class UserService {
  constructor(private readonly app: ApplianceRuntime) {}

  snapshot(user: KnownUser): UserSnapshot {
    const locked = isLocked(user.lockout, this.app.now());
    let logins = 0;
    for (const login of this.app.logins()) if (login.user === user.name) logins++;
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

  /** SHOW USER ALL: every user (USER right). */
  list(actor: Actor): Outcome<{ users: UserSnapshot[] }> {
    if (!actor.hasRight('USER')) return refuse('insufficientPrivileges', NEEDS_USER, 'name');
    return { ok: true, users: knownUsers(this.app).map((u) => this.snapshot(u)) };
  }

  /** SHOW USER [name]: anyone may see themselves; another user needs the USER right. */
  get(actor: Actor, name: string = actor.user): Outcome<{ user: UserSnapshot }> {
    if (name !== actor.user && !actor.hasRight('USER')) return refuse('insufficientPrivileges', NEEDS_USER, 'name');
    const user = knownUser(this.app, name);
    if (user === null) return refuse('noSuchUser', name, 'name');
    return { ok: true, user: this.snapshot(user) };
  }

  /** USER ADD (USER right). */
  async add(actor: Actor, name: string, changes: UserChanges): Promise<Outcome> {
    if (!actor.hasRight('USER')) return refuse('insufficientPrivileges', NEEDS_USER);
    const plan = planUserEdit(this.app, actor, changes, null);
    if (!('edit' in plan)) return plan;
    const written = await this.app.store.users.add(name, plan.edit, this.app.now());
    if (!written.ok) return writeRefusal(written, changes, name);
    audit(this.app, actor, 'USER ADD', `${name} ${plan.summary}`.trim());
    return done;
  }

  /** USER SET: the USER right, except that anyone may change their own password. */
  async update(actor: Actor, name: string, changes: UserChanges): Promise<Outcome> {
    if (!actor.hasRight('USER')) {
      if (name !== actor.user) return refuse('insufficientPrivileges', NEEDS_USER);
      const other = (Object.keys(changes) as (keyof UserChanges)[]).find((k) => k !== 'password' && changes[k] !== undefined);
      if (other !== undefined) return refuse('insufficientPrivileges', NEEDS_USER, other);
    }
    if (Object.values(changes).every((v) => v === undefined)) return refuse('missingParameter', 'PASSWORD=, KEY=, ACCESS= or GROUP=');
    const current = this.app.store.users.get(name);
    if (current === null) return refuse('noSuchUser', name, 'name');
    const above = outranked(actor, current, 'change');
    if (above) return above;
    const plan = planUserEdit(this.app, actor, changes, current);
    if (!('edit' in plan)) return plan;
    const written = await this.app.store.users.update(name, plan.edit);
    if (!written.ok) return writeRefusal(written, changes, name);
    audit(this.app, actor, 'USER SET', `${name} ${plan.summary}`);
    return done;
  }

  /** USER DELETE (USER right): a logged-in victim is told `Logged out by <user>` and dropped. */
  delete(actor: Actor, name: string): Outcome {
    if (!actor.hasRight('USER')) return refuse('insufficientPrivileges', NEEDS_USER);
    const target = knownUser(this.app, name);
    if (target === null) return refuse('noSuchUser', name, 'name');
    // Decided: deleting the login you are typing at would cut the command off mid-way.
    if (name === actor.user) return refuse('notPermitted', 'you cannot delete yourself', 'name');
    const above = outranked(actor, target, 'delete');
    if (above) return above;
    if (target.source === 'LOCAL') {
      const deleted = this.app.store.users.delete(name);
      if (!deleted.ok) return writeRefusal(deleted, {}, name);
    } else {
      this.app.store.remoteUsers.delete(name);
      this.app.remoteLockouts.clear(name);
    }
    this.drop(actor, name);
    audit(this.app, actor, 'USER DELETE', name);
    return done;
  }

  /**
   * USER LOGOUT (USER right): ends every port connection and login of a user, each told
   * `Logged out by <user>` (SPEC §7). Decided: logging out yourself is QUIT's job; a user with
   * no session is an error.
   */
  logout(actor: Actor, name: string): Outcome {
    if (!actor.hasRight('USER')) return refuse('insufficientPrivileges', NEEDS_USER);
    const target = knownUser(this.app, name);
    const loggedIn = [...this.app.logins()].some((l) => l.user === name) || this.holdsPorts(name);
    if (target === null && !loggedIn) return refuse('noSuchUser', name, 'name');
    if (name === actor.user) return refuse('notPermitted', 'use QUIT to log yourself out', 'name');
    const above = outranked(actor, target, 'log out');
    if (above) return above;
    const dropped = this.drop(actor, name);
    // SPEC §10: USER LOGOUT revokes the user's API tokens too (a token holder is logged in).
    const revoked = this.app.store.tokens.revokeUser(name);
    if (!dropped && revoked === 0) return refuse('noSuchSession', `${name} is not logged in`, 'name');
    audit(this.app, actor, 'USER LOGOUT', name);
    return done;
  }

  /**
   * USER UNLOCK (USER right): clears a SPEC §9 lockout. Decided like USER LOGOUT: an ADMIN may
   * not unlock an APPLIANCEADMIN (the lock may be stopping an attack on a stronger account).
   */
  unlock(actor: Actor, name: string): Outcome {
    if (!actor.hasRight('USER')) return refuse('insufficientPrivileges', NEEDS_USER);
    const target = knownUser(this.app, name);
    if (target === null) return refuse('noSuchUser', name, 'name');
    const above = outranked(actor, target, 'unlock');
    if (above) return above;
    if (target.source === 'LOCAL') this.app.store.users.unlock(name);
    else this.app.remoteLockouts.clear(name);
    audit(this.app, actor, 'USER UNLOCK', name);
    return done;
  }

  /** Does the broker hold a connection or request of `user` on any port? */
  private holdsPorts(user: string): boolean {
    return this.app.broker().ports.some((p) => p.connections.some((c) => c.user === user) || p.pending.some((r) => r.user === user));
  }

  /** Ends `user`'s port connections (broker) and logins (notice first); false when there were none. */
  private drop(actor: Actor, user: string): boolean {
    const ports = this.holdsPorts(user);
    if (ports) this.app.dispatch({ type: 'logoutUser', user, by: { user: actor.user, level: actor.level } });
    const logins = [...this.app.logins()].filter((l) => l.user === user);
    for (const login of logins) login.endLogin({ kind: 'loggedOut', user: actor.user });
    return ports || logins.length > 0;
  }
}
