/**
 * Issue 15: a user as the services see them, local or known from a remote login. A remote user
 * (RADIUS, LDAP, TACACS+) has no password hash, keys or groups here; their rights are those the
 * server granted at their last login, their lockout lives in memory (auth/remote-lockouts.ts).
 * A local user of the same name always wins (auth/remote-login.ts).
 */
import type { RemoteMethod } from '../store/auth-settings-repository.js';
import type { StoredUser } from '../store/user-repository.js';
import type { ApplianceRuntime } from './runtime.js';

export type UserSource = 'LOCAL' | RemoteMethod;

export interface KnownUser extends StoredUser {
  readonly source: UserSource;
}

export function knownUser(app: ApplianceRuntime, name: string): KnownUser | null {
  const local = app.store.users.get(name);
  if (local !== null) return { ...local, source: 'LOCAL' };
  const remote = app.store.remoteUsers.get(name);
  if (remote === null) return null;
  return {
    name: remote.name, passwordHash: null, keys: [], access: remote.access, groups: [],
    lockout: app.remoteLockouts.get(name), createdAt: remote.firstLoginAt, lastLoginAt: remote.lastLoginAt, source: remote.source,
  };
}

/** Local users (oldest first), then users known only from remote logins. */
export function knownUsers(app: ApplianceRuntime): KnownUser[] {
  const local = app.store.users.list();
  const names = new Set(local.map((u) => u.name));
  const remote = app.store.remoteUsers.list().filter((r) => !names.has(r.name));
  return [
    ...local.map((u): KnownUser => ({ ...u, source: 'LOCAL' })),
    ...remote.map((r) => knownUser(app, r.name)).filter((u): u is KnownUser => u !== null),
  ];
}
