/**
 * Issue 15: one remote method's part of a password check: ask the backend, then apply the
 * answer as a login like any other (lockout, the rights granted, the log). The rights of a
 * remote user are what the server granted (grant.ts), else the method's configured default,
 * else none, and a user with no rights is refused (decided: a login that could do nothing is
 * a configuration error worth a log line, not a session). A name that is also a local user
 * keeps its local rights and lockout record whichever method checked the password (decided).
 */
import type { Logger } from '../logger.js';
import { isLocked, lockoutPolicy } from '../domain/lockout.js';
import type { AuthOutcome } from '../transports/auth.js';
import type { ClientInfo } from '../transports/terminal.js';
import type {
  AuthMethod, AuthSettings, AuthSettingsRepository, RemoteMethod,
} from '../store/auth-settings-repository.js';
import type { RemoteUserRepository } from '../store/remote-user-repository.js';
import type { ServerSettingsRepository } from '../store/server-settings-repository.js';
import type { StoredUser, UserRepository } from '../store/user-repository.js';
import { combineGrants, parseAccess } from './grant.js';
import type { RemoteBackend } from './remote-backend.js';
import type { RemoteLockouts } from './remote-lockouts.js';

export type BackendFactory = (method: RemoteMethod, settings: AuthSettings) => RemoteBackend;

export interface RemoteLoginDeps {
  readonly settings: AuthSettingsRepository;
  readonly remoteUsers: RemoteUserRepository;
  /** The profile's port count, for checking granted port numbers. */
  readonly portCount: number;
  readonly backendFor: BackendFactory;
  readonly logger: Logger;
  /** Lockout of names that are not local users (shared with SHOW USER and USER UNLOCK). */
  readonly lockouts: RemoteLockouts;
}

/** Names a remote server may vouch for: the login grammar's characters (so never `(console)`). */
const REMOTE_NAME = /^[A-Za-z0-9_.@-]{1,64}$/;

export class RemoteLogin {
  constructor(
    private readonly deps: RemoteLoginDeps,
    private readonly users: UserRepository,
    private readonly server: ServerSettingsRepository,
    private readonly now: () => number,
  ) {}

  methods(): readonly AuthMethod[] {
    return this.deps.settings.get().methods;
  }

  isLocked(user: string, local: StoredUser | null): boolean {
    if (local !== null) return isLocked(local.lockout, this.now());
    return this.deps.lockouts.isLocked(user, this.now());
  }

  /** The outcome, or 'no-answer' when no server of this method answered. */
  async check(method: RemoteMethod, user: string, password: string, client: ClientInfo): Promise<AuthOutcome | 'no-answer'> {
    const log = { user, method, address: client.address, via: client.method };
    if (!REMOTE_NAME.test(user)) return { ok: false, reason: 'bad-credentials' };
    const settings = this.deps.settings.get();
    const answer = await this.deps.backendFor(method, settings).check(user, password);
    if (answer.kind === 'unreachable') {
      this.deps.logger.warn({ ...log, problems: answer.problems }, 'no authentication server answered');
      return 'no-answer';
    }
    const local = this.users.get(user);
    if (this.isLocked(user, local)) return { ok: false, reason: 'locked' };
    if (answer.kind === 'reject') {
      this.deps.logger.info({ ...log, server: answer.server, detail: answer.detail }, 'remote login refused');
      this.recordFailure(user, local);
      return { ok: false, reason: 'bad-credentials' };
    }
    if (local !== null) {
      if (local.lockout.failures > 0) this.users.recordSuccessfulLogin(user);
      this.deps.logger.info({ ...log, server: answer.server, rights: 'local' }, 'remote login accepted');
      return { ok: true, user };
    }
    const access = combineGrants(answer.grants, this.deps.portCount)
      ?? parseAccess(settings[methodKey(method)].defaultAccess ?? '', this.deps.portCount);
    if (access === null) {
      this.deps.logger.warn({ ...log, server: answer.server }, 'remote login accepted by the server but granted no ccmd rights: refused');
      return { ok: false, reason: 'bad-credentials' };
    }
    this.deps.lockouts.clear(user);
    this.deps.remoteUsers.recordLogin(user, method, access, this.now());
    this.deps.logger.info({ ...log, server: answer.server }, 'remote login accepted');
    return { ok: true, user };
  }

  private recordFailure(user: string, local: StoredUser | null): void {
    const policy = lockoutPolicy(this.server.get().lockoutHours);
    if (local !== null) this.users.recordFailedLogin(user, policy, this.now());
    else this.deps.lockouts.recordFailure(user, policy, this.now());
  }
}

function methodKey(method: RemoteMethod): 'radius' | 'ldap' | 'tacacs' {
  return method === 'RADIUS' ? 'radius' : method === 'LDAP' ? 'ldap' : 'tacacs';
}
