/**
 * Rights and access lists, SPEC §3. An access list is port access (`PALL` or a set of ports
 * written `P<n>` / `P<x-y>`) plus the flag rights `USER`, `SCON`, `SMON`, `PCON`, `BREAK`.
 * Keywords are case-insensitive (SPEC §6). Bad input is returned as data naming the token.
 */
import type { Level } from './levels.js';

/** Flag rights, in the order they are printed (the manual's APPLIANCEADMIN order). */
export type Right = 'USER' | 'SCON' | 'SMON' | 'PCON' | 'BREAK';
export const RIGHTS: readonly Right[] = ['USER', 'SCON', 'SMON', 'PCON', 'BREAK'];

/** Canonical access list: `ports` is sorted, unique and empty whenever `allPorts` is set. */
export interface AccessList {
  /** `PALL`: every port, and port groups do not restrict (SPEC §3). */
  readonly allPorts: boolean;
  readonly ports: readonly number[];
  /** In `RIGHTS` order, no duplicates. */
  readonly rights: readonly Right[];
}

/** A parse failure: `token` is the offending piece as typed, for the CLI to underline. */
export interface RightsError {
  readonly ok: false;
  readonly token: string;
  readonly message: string;
}
export type RightsResult<T> = { readonly ok: true; readonly value: T } | RightsError;

/** `=list` replaces, `=+list` adds, `=-list` removes (SPEC §3; cli/tokenizer.ts reads the operator). */
export type EditOp = 'set' | 'add' | 'remove';
export interface ListEdit<T> {
  readonly op: EditOp;
  readonly list: T;
}

export function accessList(allPorts: boolean, ports: Iterable<number>, rights: Iterable<Right>): AccessList {
  const held = new Set(rights);
  return {
    allPorts,
    ports: allPorts ? [] : [...new Set(ports)].sort((a, b) => a - b),
    rights: RIGHTS.filter((r) => held.has(r)),
  };
}

/** SPEC §3: what a user created without ACCESS gets. */
export const DEFAULT_ACCESS: AccessList = accessList(true, [], ['SMON']);
export const APPLIANCEADMIN_ACCESS: AccessList = accessList(true, [], ['USER', 'SCON', 'SMON', 'PCON', 'BREAK']);
export const ADMIN_ACCESS: AccessList = accessList(true, [], ['USER', 'SMON', 'PCON', 'BREAK']);
export const NO_ACCESS: AccessList = accessList(false, [], []);

function fail(token: string, message: string): RightsError {
  return { ok: false, token, message };
}

const PORT_TOKEN = /^P(\d+)(?:-(\d+))?$/;

/**
 * SPEC §3 / issue 12: the level names the manual accepts in ACCESS= stand for their rights. In a
 * list they expand (`ACCESS=ADMIN,SCON`, `ACCESS=+ADMIN`); `USER` is also a right, so it means the
 * USER level only as the whole value of `ACCESS=USER` (see `parseAccessEdit`).
 */
const LEVEL_BUNDLES: Readonly<Record<string, AccessList>> = {
  APPLIANCEADMIN: APPLIANCEADMIN_ACCESS,
  ADMIN: ADMIN_ACCESS,
};

/**
 * One token: a flag right, `PALL`, `P<n>` or `P<x-y>` with ports within 1..portCount, or a level
 * name (ADMIN, APPLIANCEADMIN) standing for its rights.
 */
function parseToken(token: string, portCount: number):
  RightsResult<{ rights?: readonly Right[]; all?: boolean; ports?: number[] }> {
  const upper = token.toUpperCase();
  if (upper === 'PALL') return { ok: true, value: { all: true } };
  if ((RIGHTS as readonly string[]).includes(upper)) return { ok: true, value: { rights: [upper as Right] } };
  const bundle = LEVEL_BUNDLES[upper];
  if (bundle !== undefined) return { ok: true, value: { all: bundle.allPorts, rights: bundle.rights } };
  const m = PORT_TOKEN.exec(upper);
  if (m === null) {
    return fail(token, `Unknown right '${token}' (expected PCON, SCON, SMON, USER, BREAK, PALL, P<n>, P<x-y>, ADMIN or APPLIANCEADMIN)`);
  }
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  for (const n of [first, last]) {
    if (n < 1 || n > portCount) return fail(token, `Port ${n} in '${token}' is not a port (1-${portCount})`);
  }
  if (last < first) return fail(token, `Port range '${token}' runs backwards`);
  const ports: number[] = [];
  for (let n = first; n <= last; n++) ports.push(n);
  return { ok: true, value: { ports } };
}

/**
 * Parses `P1-4,SMON`. The empty string is the empty list. An empty item (`P1,,SMON`) is an error.
 */
export function parseAccessList(text: string, portCount: number): RightsResult<AccessList> {
  if (text === '') return { ok: true, value: NO_ACCESS };
  let all = false;
  const ports: number[] = [];
  const rights: Right[] = [];
  for (const token of text.split(',')) {
    if (token === '') return fail(text, `Empty item in access list '${text}'`);
    const parsed = parseToken(token, portCount);
    if (!parsed.ok) return parsed;
    if (parsed.value.all) all = true;
    if (parsed.value.rights) rights.push(...parsed.value.rights);
    if (parsed.value.ports) ports.push(...parsed.value.ports);
  }
  return { ok: true, value: accessList(all, ports, rights) };
}

/**
 * The value of `ACCESS=`, `ACCESS=+`, `ACCESS=-` as an edit (SPEC §3). Level names stand for their
 * rights (issue 12); `ACCESS=USER` alone is the USER level, i.e. what a new user gets (PALL,SMON),
 * while `USER` in a list or after `+`/`-` is the USER right, as in the manual's list of rights.
 */
export function parseAccessEdit(op: EditOp, text: string, portCount: number): RightsResult<ListEdit<AccessList>> {
  if (op === 'set' && text.toUpperCase() === 'USER') return { ok: true, value: { op, list: DEFAULT_ACCESS } };
  const parsed = parseAccessList(text, portCount);
  return parsed.ok ? { ok: true, value: { op, list: parsed.value } } : parsed;
}

/** Sorted port numbers as runs: `[1, 2, 3, 4, 7]` → `['1-4', '7']`. */
export function portRuns(ports: readonly number[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < ports.length) {
    const start = ports[i] as number;
    let end = start;
    while (ports[i + 1] === end + 1) { end++; i++; }
    out.push(start === end ? `${start}` : `${start}-${end}`);
    i++;
  }
  return out;
}

/** Canonical text: port access first, then flag rights in `RIGHTS` order; '' for no rights. */
export function formatAccessList(list: AccessList): string {
  const ports = list.allPorts ? ['PALL'] : portRuns(list.ports).map((run) => `P${run}`);
  return [...ports, ...list.rights].join(',');
}

/**
 * Applies an edit. Removing single ports from a `PALL` holder (decided) turns PALL into the
 * explicit list of every other port, so `=-P3` means what it says; adding ports to a PALL
 * holder changes nothing (PALL already covers them).
 */
export function applyAccessEdit(current: AccessList, edit: ListEdit<AccessList>, portCount: number): AccessList {
  const { op, list } = edit;
  if (op === 'set') return list;
  if (op === 'add') {
    return accessList(current.allPorts || list.allPorts, [...current.ports, ...list.ports],
      [...current.rights, ...list.rights]);
  }
  const dropRights = new Set(list.rights);
  const rights = current.rights.filter((r) => !dropRights.has(r));
  if (list.allPorts) return accessList(false, [], rights);
  const dropPorts = new Set(list.ports);
  if (current.allPorts && dropPorts.size === 0) return accessList(true, [], rights);
  const held = current.allPorts ? Array.from({ length: portCount }, (_, i) => i + 1) : current.ports;
  return accessList(false, held.filter((p) => !dropPorts.has(p)), rights);
}

export function hasRight(list: AccessList, right: Right): boolean {
  return list.rights.includes(right);
}

/**
 * SPEC §3 levels as the manual derives them from the rights held (issue 12, SHOW USER ALL's
 * Level field): SCON makes APPLIANCEADMIN; USER or PCON without SCON makes ADMIN; anything else
 * is USER. Port access plays no part. The level bundles derive back to their own level.
 */
export function levelOf(list: AccessList): Level {
  if (hasRight(list, 'SCON')) return 'APPLIANCEADMIN';
  if (hasRight(list, 'USER') || hasRight(list, 'PCON')) return 'ADMIN';
  return 'USER';
}

/** Every right and port of `template` is in `list` (the console and admins may grant them). */
export function holdsAll(list: AccessList, template: AccessList): boolean {
  return (!template.allPorts || list.allPorts)
    && template.ports.every((p) => list.allPorts || list.ports.includes(p))
    && template.rights.every((r) => list.rights.includes(r));
}

/** A named set of ports (SPEC §3 port groups). */
export interface PortGroup {
  readonly name: string;
  readonly ports: readonly number[];
}

/** What the BY GROUP rule needs to know about a user. */
export interface PortAccessHolder {
  readonly access: AccessList;
  /** Names of the port groups the user belongs to. */
  readonly groups: readonly string[];
}

/**
 * SPEC §3: PALL reaches every port. Without PALL, while no port group exists the user's own
 * `P<n>` entries decide; once any group exists, only the user's groups do (BY GROUP).
 * Group names match exactly (decided: case-sensitive, like user names).
 */
export function canAccessPort(user: PortAccessHolder, port: number, groups: readonly PortGroup[]): boolean {
  if (user.access.allPorts) return true;
  if (groups.length === 0) return user.access.ports.includes(port);
  return groups.some((g) => g.ports.includes(port) && user.groups.includes(g.name));
}

/** How a user reaches ports, as SHOW USER's `Port Access` says it (issue 12 item 6). */
export type PortAccessMode = 'BY GROUP' | 'BY PORT';

/**
 * The manual's rule, the same one `canAccessPort` applies: once any port group exists, users
 * without PALL connect BY GROUP; PALL, or no group at all, means BY PORT.
 */
export function portAccessMode(access: AccessList, groups: readonly PortGroup[]): PortAccessMode {
  return access.allPorts || groups.length === 0 ? 'BY PORT' : 'BY GROUP';
}

/**
 * Group names: at most 8 characters (the manual's limit, issue 12); decided: letters, digits,
 * `_`, `.` or `-` (no commas: they are list items).
 */
export const GROUP_NAME_MAX = 8;
const GROUP_NAME = /^[A-Za-z0-9_.-]{1,8}$/;

export function isGroupName(name: string): boolean {
  return GROUP_NAME.test(name);
}

/** Parses `lab,core`: names kept as typed, duplicates dropped, '' is the empty list. */
export function parseGroupList(text: string): RightsResult<readonly string[]> {
  if (text === '') return { ok: true, value: [] };
  const names: string[] = [];
  for (const token of text.split(',')) {
    if (!isGroupName(token)) {
      return fail(token === '' ? text : token,
        token === '' ? `Empty item in group list '${text}'` : `Bad group name '${token}' (1-${GROUP_NAME_MAX} letters, digits, _ . -)`);
    }
    if (!names.includes(token)) names.push(token);
  }
  return { ok: true, value: names };
}

export function applyGroupEdit(current: readonly string[], edit: ListEdit<readonly string[]>): readonly string[] {
  if (edit.op === 'set') return edit.list;
  if (edit.op === 'add') return [...current, ...edit.list.filter((g) => !current.includes(g))];
  return current.filter((g) => !edit.list.includes(g));
}
