/**
 * The user database as a service (SPEC §3, §6 USER ADD|SET|DELETE|LOGOUT|UNLOCK, SHOW USER):
 * each change checks the caller's rights and level, writes, audits and tells the runtime
 * (a deleted or logged-out user's port connections end through the broker, then their logins).
 * Issue 15: users known from a remote login are shown, unlocked, logged out and deleted (their
 * record forgotten) here too; USER ADD and SET are for local users only.
 */
import { isLocked } from '../domain/lockout.js';
import {
  APPLIANCEADMIN_ACCESS, formatAccessList, levelOf, portAccessMode, type AccessList, type PortAccessMode, type PortGroup,
} from '../domain/rights.js';
import type { UserError } from '../domain/users.js';
import { audit, outranked } from './access.js';
import { knownUser, knownUsers, type KnownUser, type UserSource } from './known-users.js';
import type { ApplianceRuntime, LoginView } from './runtime.js';
import { planUserEdit, type UserChanges } from './user-changes.js';
import { done, isConsole, refuse, type Actor, type Outcome, type Refusal } from './types.js';

export type { UserChanges } from './user-changes.js';

/** One login of a user now: a row of SHOW USER's connection table (issue 12 item 6). */
export interface UserConnection {
  /** The port it is connected to; null at the CLI. */
  readonly port: number | null;
  /** When the login began, ms since the epoch. */
  readonly since: number;
  /** `ssh`, `telnet`, `web`, `console`. */
  readonly method: string;
  /** The TCP port the client came in on (the manual's Telnet socket); null for the console. */
  readonly socket: number | null;
  /** The client's address and port, `10.0.0.5:50000`; `console` for the control socket. */
  readonly from: string;
}

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
  /** Logins active now (as many as `connections`). */
  readonly logins: number;
  /** The manual's Port Access: BY GROUP once any port group exists, unless the user has PALL. */
  readonly portAccess: PortAccessMode;
  /** Latest terminal login, ms since the epoch; null: none recorded. */
  readonly lastLoginAt: number | null;
  readonly connections: readonly UserConnection[];
}

function connectionOf(login: LoginView): UserConnection {
  const { client } = login;
  const console = client.method === 'console';
  return {
    port: login.port, since: login.since, method: client.method,
    socket: console || !client.localPort ? null : client.localPort,
    from: console ? 'console' : `${client.address}:${client.remotePort}`,
  };
}

const NEEDS_USER = 'needs the USER right';

/**
 * The store's refusal as a service refusal, blaming the input the rule is about. The message
 * never holds a password (domain/users.ts words them without the value).
 */
function writeRefusal(error: UserError, changes: UserChanges, name: string): Refusal {
  if (error.code === 'no-such-user') return refuse('noSuchUser', name, 'name');
  if (error.code === 'name-taken') return { ...refuse('userChangeRefused', error.message, 'name'), conflict: true };
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

  /**
   * `access`: the rights to show (SHOW USER without a name shows those held at login); `groups`:
   * the port groups, read once by a caller that snapshots many users (SHOW USER ALL).
   */
  snapshot(user: KnownUser, access: AccessList = user.access, groups: readonly PortGroup[] = this.app.store.groups.list()): UserSnapshot {
    const locked = isLocked(user.lockout, this.app.now());
    const connections = this.connectionsOf(user.name);
    return {
      name: user.name,
      source: user.source,
      level: levelOf(access),
      access: formatAccessList(access),
      groups: user.groups,
      password: user.passwordHash !== null,
      keys: user.keys.map((k) => `${k.algo}${k.comment === '' ? '' : ` ${k.comment}`}`),
      lockedUntil: locked ? user.lockout.lockedUntil : null,
      failedLogins: user.lockout.failures,
      logins: connections.length,
      portAccess: portAccessMode(access, groups),
      lastLoginAt: user.lastLoginAt,
      connections,
    };
  }

  /**
   * SHOW USER without a name: yourself, with the rights you logged in with (`accessAtLogin`;
   * null: take them now), not the stored ones if they changed since, as the manual's does
   * (issue 12 item 6). The console is the appliance's serial port: every right, no record.
   */
  self(actor: Actor, accessAtLogin: AccessList | null): Outcome<{ user: UserSnapshot }> {
    if (isConsole(actor)) return { ok: true, user: this.consoleSnapshot(actor.user) };
    const user = knownUser(this.app, actor.user);
    if (user === null) return refuse('noSuchUser', actor.user, 'name');
    return { ok: true, user: this.snapshot(user, accessAtLogin ?? user.access) };
  }

  /** SHOW USER ALL: every user (USER right). */
  list(actor: Actor): Outcome<{ users: UserSnapshot[] }> {
    if (!actor.hasRight('USER')) return refuse('insufficientPrivileges', NEEDS_USER, 'name');
    const groups = this.app.store.groups.list();
    return { ok: true, users: knownUsers(this.app).map((u) => this.snapshot(u, u.access, groups)) };
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

  private connectionsOf(user: string): UserConnection[] {
    const out: UserConnection[] = [];
    for (const login of this.app.logins()) if (login.user === user) out.push(connectionOf(login));
    return out.sort((a, b) => a.since - b.since);
  }

  private consoleSnapshot(name: string): UserSnapshot {
    const connections = this.connectionsOf(name);
    return {
      name, source: 'LOCAL', level: levelOf(APPLIANCEADMIN_ACCESS), access: formatAccessList(APPLIANCEADMIN_ACCESS),
      groups: [], password: false, keys: [], lockedUntil: null, failedLogins: 0, logins: connections.length,
      portAccess: 'BY PORT', lastLoginAt: null, connections,
    };
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
