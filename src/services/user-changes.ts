/**
 * A USER ADD / USER SET change (SPEC §3, §6) turned into the store's `UserEdit`: access lists
 * parsed against the profile, the no-escalation rule, port groups that must exist, key lines
 * added or removed. Passwords are never echoed, logged or audited.
 */
import {
  applyAccessEdit, applyGroupEdit, DEFAULT_ACCESS, formatAccessList, parseAccessEdit, parseGroupList,
  RIGHTS, type AccessList,
} from '../domain/rights.js';
import { parsePublicKeyLine, sameKey } from '../store/ssh-keys.js';
import type { StoredUser, UserEdit } from '../store/user-repository.js';
import { actorAccess } from './access.js';
import type { ApplianceRuntime } from './runtime.js';
import { refuse, type Actor, type ListChange, type Refusal } from './types.js';

/** What USER ADD / USER SET may change; absent fields stay as they are. */
export interface UserChanges {
  /** A new password; null removes it (the user must keep a key). */
  readonly password?: string | null;
  /** `set` with '' removes every key; `add`/`remove` take one OpenSSH public key line. */
  readonly keys?: ListChange;
  /** SPEC §3 access list: `PCON,SMON,P1-4`... */
  readonly access?: ListChange;
  /** Port group names. */
  readonly groups?: ListChange;
}

export interface PlannedEdit {
  readonly edit: UserEdit;
  /** For the audit: what changed, never the password itself. */
  readonly summary: string;
}

const OP_TEXT = { set: '=', add: '=+', remove: '=-' } as const;

function invalid(field: string, detail: string): Refusal {
  return refuse('invalidValue', detail, field);
}

function nothingToEdit(change: ListChange, key: string, field: string): Refusal | null {
  return change.op !== 'set' && change.list === '' ? invalid(field, `${key} ${OP_TEXT[change.op]} needs a list`) : null;
}

/** ACCESS=: parsed against the profile's ports; rights the caller lacks may not be granted. */
function accessEdit(app: ApplianceRuntime, actor: Actor, change: ListChange, current: AccessList): AccessList | Refusal {
  const empty = nothingToEdit(change, 'ACCESS', 'access');
  if (empty) return empty;
  const ports = app.profile.ports;
  const parsed = parseAccessEdit(change.op, change.list, ports);
  if (!parsed.ok) return invalid('access', parsed.message);
  const next = applyAccessEdit(current, parsed.value, ports);
  // Decided: no escalation. A right (or PALL) the target did not hold may be granted only by a
  // caller who holds it, so an ADMIN cannot make anyone (itself included) an APPLIANCEADMIN.
  // The console (SPEC §9, the serial console) holds every right and may grant anything (issue 12).
  const granted: string[] = RIGHTS.filter((r) => next.rights.includes(r) && !current.rights.includes(r) && !actor.hasRight(r));
  if (next.allPorts && !current.allPorts && !(actorAccess(app, actor)?.allPorts ?? false)) granted.unshift('PALL');
  if (granted.length > 0) return refuse('insufficientPrivileges', `cannot grant ${granted.join(',')}`, 'access');
  return next;
}

/** GROUP=: names must be groups that exist, except when removing (stale names may be dropped). */
function groupEdit(app: ApplianceRuntime, change: ListChange, current: readonly string[]): readonly string[] | Refusal {
  const empty = nothingToEdit(change, 'GROUP', 'groups');
  if (empty) return empty;
  const parsed = parseGroupList(change.list);
  if (!parsed.ok) return invalid('groups', parsed.message);
  if (change.op !== 'remove') {
    const known = new Set(app.store.groups.list().map((g) => g.name));
    const unknown = parsed.value.find((g) => !known.has(g));
    if (unknown !== undefined) return invalid('groups', `no port group '${unknown}' (PORT n SET GROUP= makes one)`);
  }
  return applyGroupEdit(current, { op: change.op, list: parsed.value });
}

/** KEY=line replaces the keys, KEY=+line adds one, KEY=-line removes one, KEY= removes all. */
function keyEdit(change: ListChange, current: StoredUser | null): string[] | Refusal {
  const lines = current?.keys.map((k) => k.line) ?? [];
  if (change.op === 'set') return change.list === '' ? [] : [change.list];
  const empty = nothingToEdit(change, 'KEY', 'keys');
  if (empty) return empty;
  if (change.op === 'add') return [...lines, change.list];
  const parsed = parsePublicKeyLine(change.list);
  if (!parsed.ok) return invalid('keys', parsed.message);
  const kept = (current?.keys ?? []).filter((k) => !sameKey(k, parsed.key));
  if (kept.length === lines.length) return invalid('keys', 'the user has no such key');
  return kept.map((k) => k.line);
}

const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;

/** Builds the edit for `current` (null: a new user, whose base access is SPEC §3's PALL,SMON). */
export function planUserEdit(
  app: ApplianceRuntime, actor: Actor, changes: UserChanges, current: StoredUser | null,
): PlannedEdit | Refusal {
  const edit: { -readonly [K in keyof UserEdit]: UserEdit[K] } = {};
  const summary: string[] = [];
  if (changes.password !== undefined) {
    edit.password = changes.password === '' ? null : changes.password;
    summary.push(edit.password === null ? 'password removed' : 'password set');
  }
  if (changes.keys !== undefined) {
    const keys = keyEdit(changes.keys, current);
    if (isRefusal(keys)) return keys;
    edit.keys = keys;
    summary.push(`keys=${keys.length}`);
  }
  if (changes.access !== undefined) {
    const next = accessEdit(app, actor, changes.access, current?.access ?? DEFAULT_ACCESS);
    if (isRefusal(next)) return next;
    edit.access = next;
    summary.push(`access=${formatAccessList(next)}`);
  }
  if (changes.groups !== undefined) {
    const next = groupEdit(app, changes.groups, current?.groups ?? []);
    if (isRefusal(next)) return next;
    edit.groups = next;
    summary.push(`groups=${next.join(',')}`);
  }
  return { edit, summary: summary.join(' ') };
}
