/**
 * Who may see and act on what (SPEC §3), for every service: the rules the CLI and the web API
 * must both obey, kept here so no caller can skip them.
 */
import { compareLevels, isAdministrator, type Level } from '../domain/levels.js';
import { APPLIANCEADMIN_ACCESS, canAccessPort, levelOf, type AccessList } from '../domain/rights.js';
import type { StoredUser } from '../store/user-repository.js';
import type { ApplianceRuntime } from './runtime.js';
import { isConsole, refuse, type Actor, type Refusal } from './types.js';

/** The actor's stored record (null for the console, or a user deleted while logged in). */
export function actorRecord(app: ApplianceRuntime, actor: Actor): StoredUser | null {
  return isConsole(actor) ? null : app.store.users.get(actor.user);
}

/** The access list the actor holds: the console every right and port (SPEC §9). */
export function actorAccess(app: ApplianceRuntime, actor: Actor): AccessList | null {
  return isConsole(actor) ? APPLIANCEADMIN_ACCESS : actorRecord(app, actor)?.access ?? null;
}

/**
 * SPEC §3 port access with the BY GROUP rule. The console reaches every port; a caller the
 * database does not hold (deleted while logged in) reaches none.
 */
export function reaches(app: ApplianceRuntime, actor: Actor, port: number): boolean {
  if (isConsole(actor)) return true;
  const me = actorRecord(app, actor);
  return me !== null && canAccessPort(me, port, app.store.groups.list());
}

/**
 * Decided: holders of PCON or SMON see every port in SHOW PORT; anyone else sees the ports they
 * can reach (SPEC §3, BY GROUP once any group exists).
 */
export function seesPortSettings(app: ApplianceRuntime, actor: Actor, port: number): boolean {
  return actor.hasRight('PCON') || actor.hasRight('SMON') || reaches(app, actor, port);
}

/**
 * Decided: holders of SMON (SPEC §3 "view status") and administrators see every port's
 * sessions; anyone else the ports they may access (PALL, P<n>, or their port groups).
 */
export function sessionVisibility(app: ApplianceRuntime, actor: Actor): (port: number) => boolean {
  if (actor.hasRight('SMON') || isAdministrator(actor.level)) return () => true;
  const user = app.store.users.get(actor.user);
  if (user === null) return () => false;
  const groups = app.store.groups.list();
  return (port) => canAccessPort(user, port, groups);
}

/** The level a stored user holds (SPEC §3); a name the database does not hold is USER. */
export function levelOfUser(user: StoredUser | null): Level {
  return user === null ? 'USER' : levelOf(user.access);
}

/**
 * Decided (SPEC §3 levels, like the broker's order in §4): nobody acts on a user of a higher
 * level than their own, so an ADMIN may not log out, unlock, change or delete an APPLIANCEADMIN.
 */
export function outranked(actor: Actor, target: StoredUser | null, verb: string): Refusal | null {
  const level = levelOfUser(target);
  if (compareLevels(actor.level, level) >= 0) return null;
  return refuse('insufficientPrivileges', `an ${actor.level} may not ${verb} an ${level}`, 'name');
}

/** SPEC §5 and the seed: a session's initiator or an administrator (ADMIN, APPLIANCEADMIN). */
export function mayManageSession(actor: Actor, initiator: string): Refusal | null {
  if (actor.user === initiator || isAdministrator(actor.level)) return null;
  return refuse('insufficientPrivileges', 'only the initiator or an administrator');
}

/** Records a change (SPEC issue 5: who, when, what, from where). */
export function audit(app: ApplianceRuntime, actor: Actor, action: string, detail: string): void {
  const from = isConsole(actor) ? 'console' : `${actor.client.method} ${actor.client.address}`;
  app.audit({ at: app.now(), user: actor.user, from, action, detail });
}
