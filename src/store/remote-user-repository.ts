/**
 * Issue 15: users who logged in through RADIUS, LDAP or TACACS+ and are not in the local user
 * table. Each row keeps the rights the server granted at the user's latest login; rights
 * checks read them like a local user's (DaemonServices.accessOf). A row appears only after a
 * successful login, so the table grows with real directory users, never with guessed names.
 */
import { NO_ACCESS, formatAccessList, parseAccessList, type AccessList } from '../domain/rights.js';
import type { RemoteMethod } from './auth-settings-repository.js';
import type { Db } from './db.js';

export interface RemoteUser {
  readonly name: string;
  readonly source: RemoteMethod;
  readonly access: AccessList;
  readonly firstLoginAt: number;
  readonly lastLoginAt: number;
}

interface RemoteUserRow {
  name: string;
  source: RemoteMethod;
  access: string;
  first_login_at: number;
  last_login_at: number;
}

const ANY_PORT = 1 << 16;

function fromRow(row: RemoteUserRow): RemoteUser {
  const access = parseAccessList(row.access, ANY_PORT);
  return {
    name: row.name, source: row.source, access: access.ok ? access.value : NO_ACCESS,
    firstLoginAt: row.first_login_at, lastLoginAt: row.last_login_at,
  };
}

export class RemoteUserRepository {
  private readonly selectOne;
  private readonly selectAll;
  private readonly upsert;
  private readonly deleteRow;

  constructor(db: Db) {
    this.selectOne = db.prepare<[string], RemoteUserRow>('SELECT * FROM remote_users WHERE name = ?');
    this.selectAll = db.prepare<[], RemoteUserRow>('SELECT * FROM remote_users ORDER BY first_login_at, name');
    this.upsert = db.prepare(`INSERT INTO remote_users (name, source, access, first_login_at, last_login_at)
      VALUES (@name, @source, @access, @now, @now)
      ON CONFLICT (name) DO UPDATE SET source = excluded.source, access = excluded.access,
        last_login_at = excluded.last_login_at`);
    this.deleteRow = db.prepare('DELETE FROM remote_users WHERE name = ?');
  }

  get(name: string): RemoteUser | null {
    const row = this.selectOne.get(name);
    return row === undefined ? null : fromRow(row);
  }

  list(): RemoteUser[] {
    return this.selectAll.all().map(fromRow);
  }

  /** A successful remote login: the rights granted now replace the ones from before. */
  recordLogin(name: string, source: RemoteMethod, access: AccessList, now: number): RemoteUser {
    this.upsert.run({ name, source, access: formatAccessList(access), now });
    return this.get(name) as RemoteUser;
  }

  /** USER DELETE of a remote user forgets the record (their next login makes a new one). */
  delete(name: string): boolean {
    return this.deleteRow.run(name).changes > 0;
  }
}
