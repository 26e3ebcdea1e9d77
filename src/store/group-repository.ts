/**
 * The `port_groups` table: named sets of ports (SPEC §3). Once any group exists, users without
 * PALL reach ports only through their groups (`canAccessPort` in domain/rights.ts).
 */
import type { PortGroup } from '../domain/rights.js';
import type { Db } from './db.js';

interface GroupRow {
  name: string;
  ports: string;
}

/** A JSON array from a row; unreadable text is the empty array (a group then grants nothing). */
function jsonArray(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function fromRow(row: GroupRow): PortGroup {
  return { name: row.name, ports: jsonArray(row.ports).filter((p): p is number => Number.isInteger(p)) };
}

export class GroupRepository {
  private readonly selectAll;
  private readonly selectOne;
  private readonly upsert;
  private readonly deleteRow;
  private readonly usersInGroups;
  private readonly setUserGroups;

  constructor(private readonly db: Db) {
    this.selectAll = db.prepare<[], GroupRow>('SELECT name, ports FROM port_groups ORDER BY name');
    this.selectOne = db.prepare<[string], GroupRow>('SELECT name, ports FROM port_groups WHERE name = ?');
    this.upsert = db.prepare(`INSERT INTO port_groups (name, ports) VALUES (?, ?)
      ON CONFLICT (name) DO UPDATE SET ports = excluded.ports`);
    this.deleteRow = db.prepare('DELETE FROM port_groups WHERE name = ?');
    this.usersInGroups = db.prepare<[], { name: string; groups: string }>(
      "SELECT name, groups FROM users WHERE groups <> '[]'");
    this.setUserGroups = db.prepare('UPDATE users SET groups = ? WHERE name = ?');
  }

  list(): PortGroup[] {
    return this.selectAll.all().map(fromRow);
  }

  get(name: string): PortGroup | null {
    const row = this.selectOne.get(name);
    return row === undefined ? null : fromRow(row);
  }

  /** Creates or replaces a group; ports are stored sorted and unique. */
  save(group: PortGroup): PortGroup {
    const ports = [...new Set(group.ports)].sort((a, b) => a - b);
    this.upsert.run(group.name, JSON.stringify(ports));
    return { name: group.name, ports };
  }

  /**
   * Deletes a group and takes it off every user in the same transaction, so a group later made
   * with the same name does not silently hand its ports to former members. False: no such group.
   */
  delete(name: string): boolean {
    return this.db.transaction(() => {
      if (this.deleteRow.run(name).changes === 0) return false;
      for (const user of this.usersInGroups.all()) {
        const groups = jsonArray(user.groups);
        if (groups.includes(name)) this.setUserGroups.run(JSON.stringify(groups.filter((g) => g !== name)), user.name);
      }
      return true;
    })();
  }
}
