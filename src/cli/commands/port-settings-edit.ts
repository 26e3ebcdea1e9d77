/**
 * The parameters of `PORT <n|n-m|ALL> SET` (SPEC §6) and how they change a port's settings.
 * GROUP= (decided) edits port groups rather than the port row: `GROUP=lab` makes `lab` the only
 * group holding the ports (creating it), `GROUP=+lab` adds the ports to `lab` (creating it),
 * `GROUP=-lab` takes them out of it, and `GROUP=` takes them out of every group. A group left
 * with no ports is deleted, which also takes it off its users (store/group-repository.ts).
 */
import { parseGroupList, type PortGroup } from '../../domain/rights.js';
import { formatAccessChar, parseAccessChar } from '../../protocol/access-char.js';
import type { PortSettings } from '../../store/port-settings-repository.js';
import type { ParamCheck, ParamSpec, ParamValue } from '../command.js';
import { integer, oneOf } from '../param-checks.js';

/** Decided: words the CLI and login grammar give meaning to cannot name a port (SPEC §2, §6). */
const RESERVED_PORT_NAMES = new Set(['ALL', 'NAMES', 'GROUPS', 'E']);

/**
 * Port names address ports at login (`jdoe:router1`), so they follow the config's rule: 1-32
 * letters, digits, `_ . -`, and (decided) not all digits, since `jdoe:7` means port 7.
 * `NAME=` with no value removes the name.
 */
const portName: ParamCheck = (value) => {
  if (value === '') return { ok: true, value: null };
  if (!/^[A-Za-z0-9_.-]{1,32}$/.test(value)) return { ok: false, detail: 'must be 1-32 letters, digits, _ . -' };
  if (/^[0-9]+$/.test(value)) return { ok: false, detail: 'cannot be a number' };
  if (RESERVED_PORT_NAMES.has(value.toUpperCase())) return { ok: false, detail: `${value} is reserved` };
  return { ok: true, value };
};

/** `CHAR=^D` in canonical form; `CHAR=` (decided) goes back to following SERVER CLI CHAR=. */
export const accessChar: ParamCheck = (value) => {
  if (value === '') return { ok: true, value: null };
  const parsed = parseAccessChar(value);
  return parsed.ok ? { ok: true, value: formatAccessChar(parsed.byte) } : { ok: false, detail: parsed.error };
};

/** `SOCKET=` with no value goes back to the listener base + n. */
const socket: ParamCheck = (value, op) => (value === '' ? { ok: true, value: null } : integer(1, 65535)(value, op));

const onOff: ParamCheck = (value) => {
  const upper = value.toUpperCase();
  return upper === 'ON' || upper === 'OFF' ? { ok: true, value: upper === 'ON' } : { ok: false, detail: 'expected ON|OFF' };
};

const groupList: ParamCheck = (value) => {
  const parsed = parseGroupList(value);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, detail: parsed.message };
};

export const PORT_PARAMS: Readonly<Record<string, ParamSpec>> = {
  NAME: { check: portName },
  BAUD: { check: integer(50, 4_000_000) },
  SIZE: { check: integer(7, 8) },
  PARITY: { check: oneOf('NONE', 'EVEN', 'ODD') },
  STOP: { check: integer(1, 2) },
  FLOW: { check: oneOf('NONE', 'XONXOF', 'RTSCTS') },
  /** Minutes; 0 = use SERVER CLI TIMEOUT (SPEC §6). Decided bound: one week. */
  TIMEOUT: { check: integer(0, 10_080) },
  CHAR: { check: accessChar },
  SHARE: { check: oneOf('DISABLE', 'AUTO', 'QUERY', 'SERVER') },
  GROUP: { check: groupList, listOps: true },
  SOCKET: { check: socket },
  LOG: { check: onOff },
};

/** Parameters that name one port's own resource and so cannot be given to several at once. */
export const SINGLE_PORT_PARAMS = ['NAME', 'SOCKET'] as const;

/** The port row with every parameter but GROUP= applied (values were checked by PORT_PARAMS). */
export function applyPortParams(base: PortSettings, params: ReadonlyMap<string, ParamValue>): PortSettings {
  const v = (key: string): unknown => params.get(key)?.value;
  const has = (key: string) => params.has(key);
  return {
    ...base,
    ...(has('NAME') ? { name: v('NAME') as string | null } : {}),
    ...(has('BAUD') ? { baud: v('BAUD') as number } : {}),
    ...(has('SIZE') ? { dataBits: v('SIZE') as 7 | 8 } : {}),
    ...(has('PARITY') ? { parity: v('PARITY') as PortSettings['parity'] } : {}),
    ...(has('STOP') ? { stopBits: v('STOP') as 1 | 2 } : {}),
    ...(has('FLOW') ? { flow: v('FLOW') as PortSettings['flow'] } : {}),
    ...(has('TIMEOUT') ? { timeoutMinutes: v('TIMEOUT') as number } : {}),
    ...(has('CHAR') ? { char: v('CHAR') as string | null } : {}),
    ...(has('SHARE') ? { share: v('SHARE') as PortSettings['share'] } : {}),
    ...(has('SOCKET') ? { socket: v('SOCKET') as number | null } : {}),
    ...(has('LOG') ? { log: v('LOG') as boolean } : {}),
  };
}

/** What GROUP= does to the groups: the groups to save and the names to delete. */
export interface GroupPlan {
  readonly save: PortGroup[];
  readonly remove: string[];
}

function samePorts(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((p) => b.includes(p));
}

/** The group changes GROUP= (see the module comment) makes for `ports`. */
export function planPortGroups(groups: readonly PortGroup[], ports: readonly number[], param: ParamValue): GroupPlan {
  const named = param.value as readonly string[];
  const plan: GroupPlan = { save: [], remove: [] };
  const names = new Set([...groups.map((g) => g.name), ...(param.op === '=-' ? [] : named)]);
  for (const name of names) {
    const existing = groups.find((g) => g.name === name);
    const before = existing?.ports ?? [];
    const inList = named.includes(name);
    // `=` touches every group (in the list: add; not: remove); `=+` / `=-` only the groups named.
    if (param.op !== '=' && !inList) continue;
    const adding = param.op !== '=-' && inList;
    const after = adding ? [...new Set([...before, ...ports])].sort((a, b) => a - b) : before.filter((p) => !ports.includes(p));
    if (samePorts(after, before) && existing !== undefined) continue;
    if (after.length === 0) {
      if (existing !== undefined) plan.remove.push(name);
    } else plan.save.push({ name, ports: after });
  }
  return plan;
}
