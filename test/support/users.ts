/**
 * Seeds a data directory with users and settings BEFORE the daemon starts, through the real
 * store (src/store/store.ts), so e2e tests do not depend on the admin commands.
 *
 * Seeding any user means the daemon's first-start bootstrap (SPEC §3) sees a non-empty database
 * and creates nobody, so `Admin` (APPLIANCEADMIN, password ADMIN_PASSWORD) is added here too,
 * unless the list names an `Admin` of its own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_ACCESS, APPLIANCEADMIN_ACCESS, parseAccessList, type AccessList } from '../../src/domain/rights.js';
import type { PortSettings } from '../../src/store/port-settings-repository.js';
import type { ServerSettings } from '../../src/store/server-settings-repository.js';
import { openStore } from '../../src/store/store.js';
import { ADMIN_PASSWORD } from './daemon.js';

/** Level shorthand for the access list of SPEC §3 (USER = the default `PALL,SMON`). */
export type SeedLevel = 'USER' | 'ADMIN' | 'APPLIANCEADMIN';

export interface SeedUser {
  readonly name: string;
  /** Omitted: the user logs in by key only (then `keys` must be given). */
  readonly password?: string;
  /** `ssh-ed25519 AAAA... comment` lines. */
  readonly keys?: readonly string[];
  /** A level's rights, or an ACCESS list such as `P1-4,SMON`. Default USER. */
  readonly access?: SeedLevel | string;
}

export interface SeedOptions {
  readonly server?: Partial<ServerSettings>;
  readonly ports?: readonly PortSettings[];
}

const PORT_LIMIT = 48; // the largest profile (SPEC §1): any P<n> a test names parses

function accessOf(access: SeedLevel | string | undefined): AccessList {
  if (access === undefined || access === 'USER') return accessOrThrow('PALL,SMON');
  if (access === 'ADMIN') return ADMIN_ACCESS;
  if (access === 'APPLIANCEADMIN') return APPLIANCEADMIN_ACCESS;
  return accessOrThrow(access);
}

function accessOrThrow(text: string): AccessList {
  const parsed = parseAccessList(text, PORT_LIMIT);
  if (!parsed.ok) throw new Error(`bad access list in a test: ${text}`);
  return parsed.value;
}

/** Writes `users` (plus `Admin`), server settings and port settings into `dataDir`. */
export async function seedUsers(dataDir: string, users: readonly SeedUser[], options: SeedOptions = {}): Promise<void> {
  const store = openStore(dataDir, { maxUsers: 64, groupsPerUser: 16 });
  try {
    const all: SeedUser[] = users.some((u) => u.name === 'Admin')
      ? [...users]
      : [{ name: 'Admin', password: ADMIN_PASSWORD, access: 'APPLIANCEADMIN' }, ...users];
    let now = Date.now();
    for (const user of all) {
      // Distinct creation times keep "oldest first" listings stable.
      const added = await store.users.add(user.name, {
        ...(user.password === undefined ? {} : { password: user.password }),
        ...(user.keys === undefined ? {} : { keys: user.keys }),
        access: accessOf(user.access),
      }, now++);
      if (!added.ok) throw new Error(`cannot seed user ${user.name}: ${added.message}`);
    }
    if (options.server !== undefined) {
      const written = store.server.set(options.server);
      if (!written.ok) throw new Error(`cannot seed server settings: ${JSON.stringify(written)}`);
    }
    for (const port of options.ports ?? []) {
      const written = store.ports.save(port);
      if (!written.ok) throw new Error(`cannot seed port ${port.port}: ${written.message}`);
    }
  } finally {
    store.close();
  }
}

/** A fresh temporary data directory seeded as `seedUsers` does; pass it to `startDaemon({dataDir})`. */
export async function seededDataDir(users: readonly SeedUser[], options: SeedOptions = {}): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccmd-e2e-'));
  await seedUsers(dataDir, users, options);
  return dataDir;
}
