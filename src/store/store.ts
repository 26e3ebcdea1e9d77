/**
 * The whole store, opened once by the daemon: the database and one repository per table.
 */
import type { UserLimits } from '../domain/users.js';
import { AuditRepository } from './audit-repository.js';
import { AuthSettingsRepository } from './auth-settings-repository.js';
import { openDatabase, type Db } from './db.js';
import { GroupRepository } from './group-repository.js';
import { IdentityRepository } from './identity-repository.js';
import { PortSettingsRepository } from './port-settings-repository.js';
import { RemoteUserRepository } from './remote-user-repository.js';
import { ServerSettingsRepository } from './server-settings-repository.js';
import { SessionRepository } from './session-repository.js';
import { TokenRepository } from './token-repository.js';
import { UserRepository } from './user-repository.js';

export interface Store {
  readonly db: Db;
  readonly users: UserRepository;
  readonly ports: PortSettingsRepository;
  readonly server: ServerSettingsRepository;
  readonly groups: GroupRepository;
  readonly sessions: SessionRepository;
  readonly audit: AuditRepository;
  /** SPEC §10 API bearer tokens. */
  readonly tokens: TokenRepository;
  /** Issue 15: SERVER SECURITY AUTH= and the RADIUS/LDAP/TACACS+ servers. */
  readonly auth: AuthSettingsRepository;
  /** Issue 15: users known from a remote login, with the rights granted then. */
  readonly remoteUsers: RemoteUserRepository;
  /** Issue 12: the appliance's MAC address (default port names), fixed at first start. */
  readonly identity: IdentityRepository;
  /** Closes the database (checkpointing the WAL). Idempotent. */
  close(): void;
}

/** Opens `<dataDir>/ccmd.db`, applying migrations (throws if the file cannot be used). */
export function openStore(dataDir: string, limits: UserLimits): Store {
  const db = openDatabase(dataDir);
  return {
    db,
    users: new UserRepository(db, limits),
    ports: new PortSettingsRepository(db),
    server: new ServerSettingsRepository(db),
    groups: new GroupRepository(db),
    sessions: new SessionRepository(db),
    audit: new AuditRepository(db),
    tokens: new TokenRepository(db),
    auth: new AuthSettingsRepository(db),
    remoteUsers: new RemoteUserRepository(db),
    identity: new IdentityRepository(db),
    close: () => { if (db.open) db.close(); },
  };
}
