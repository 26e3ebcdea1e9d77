/**
 * What `GROUP=` on a port change does to the port groups. A port belongs to at most one group
 * (the manual's `PORT SET GROUP=<group>`, issue 12), so `set` and `add` name one group and put
 * the ports in it (creating it) and out of every other; `remove` takes them out of the named
 * groups, and `set` with an empty list out of every group. A group left with no ports is
 * deleted, which also takes it off its users (store/group-repository.ts). The service refuses a
 * `set`/`add` naming more than one group before this runs.
 */
import type { PortGroup } from '../domain/rights.js';

export interface GroupPlan {
  readonly save: PortGroup[];
  readonly remove: string[];
}

function samePorts(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((p) => b.includes(p));
}

/** The group changes for `ports` given the named groups and the edit. */
export function planPortGroups(
  groups: readonly PortGroup[], ports: readonly number[], op: 'set' | 'add' | 'remove', named: readonly string[],
): GroupPlan {
  const plan: GroupPlan = { save: [], remove: [] };
  // One group per port: adding to a group is moving into it.
  if (op === 'add') op = 'set';
  const names = new Set([...groups.map((g) => g.name), ...(op === 'remove' ? [] : named)]);
  for (const name of names) {
    const existing = groups.find((g) => g.name === name);
    const before = existing?.ports ?? [];
    const inList = named.includes(name);
    // `set` touches every group (in the list: add; not: remove); `add` / `remove` only those named.
    if (op !== 'set' && !inList) continue;
    const adding = op !== 'remove' && inList;
    const after = adding ? [...new Set([...before, ...ports])].sort((a, b) => a - b) : before.filter((p) => !ports.includes(p));
    if (samePorts(after, before) && existing !== undefined) continue;
    if (after.length === 0) {
      if (existing !== undefined) plan.remove.push(name);
    } else plan.save.push({ name, ports: after });
  }
  return plan;
}
