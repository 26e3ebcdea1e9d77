/**
 * The `Authenticator` of transports/auth.ts: the one entry point every way in (SSH, Telnet,
 * web) checks credentials through (SPEC §2, §9; issue 15). Passwords are checked by the
 * methods of `SERVER SECURITY AUTH=` in order: LOCAL is the user table (scrypt), RADIUS, LDAP
 * and TACACS+ are remote servers (remote-login.ts). Lockout counts every failed network login,
 * local or remote. The control socket does not come through here, so the appliance's console
 * is never locked out (SPEC §9).
 */
import { isLocked, lockoutPolicy } from '../domain/lockout.js';
import { sshAuthRule } from '../domain/ssh-auth-form.js';
import type { AuthOutcome, Authenticator } from '../transports/auth.js';
import type { ClientInfo } from '../transports/terminal.js';
import { verifyPassword } from '../store/passwords.js';
import type { ServerSettingsRepository } from '../store/server-settings-repository.js';
import { isAuthorisedKey } from '../store/ssh-keys.js';
import type { StoredUser, UserRepository } from '../store/user-repository.js';
import { RemoteLogin, type RemoteLoginDeps } from './remote-login.js';

export interface SshMethods {
  readonly enabled: boolean;
  readonly password: boolean;
  readonly publicKey: boolean;
  /** `AUTH=PW&KEY`: a login needs both a key and the password. */
  readonly bothRequired: boolean;
}

const BAD: AuthOutcome = { ok: false, reason: 'bad-credentials' };
const LOCKED: AuthOutcome = { ok: false, reason: 'locked' };
const DISABLED: AuthOutcome = { ok: false, reason: 'method-disabled' };

export class StoreAuthenticator implements Authenticator {
  private readonly remote: RemoteLogin | null;

  constructor(
    private readonly users: UserRepository,
    private readonly settings: ServerSettingsRepository,
    /** Clock (ms since the epoch); injected so lockout tests advance time instead of sleeping. */
    private readonly now: () => number,
    /** Issue 15: central authentication; without it only LOCAL is used. */
    central?: RemoteLoginDeps,
  ) {
    this.remote = central === undefined ? null : new RemoteLogin(central, users, settings, now);
  }

  /**
   * Issue 15: each method of `AUTH=` in order. A method that answers decides (a remote "no" is
   * final: no fallback); a remote method whose servers do not answer passes to the next one;
   * LOCAL passes on a name it does not hold unless it is the last method.
   */
  async checkPassword(user: string, password: string, client: ClientInfo): Promise<AuthOutcome> {
    if (client.method === 'ssh' && !this.sshMethods().password) return DISABLED;
    const methods = this.remote?.methods() ?? ['LOCAL'];
    if (methods.length === 1 && methods[0] === 'LOCAL') return this.checkLocal(user, password);
    const local = this.users.get(user);
    if (this.remote !== null && this.remote.isLocked(user, local)) {
      if (methods.includes('LOCAL')) await verifyPassword(password, null);
      return LOCKED;
    }
    for (const [index, method] of methods.entries()) {
      const last = index === methods.length - 1;
      if (method === 'LOCAL') {
        if (local === null && !last) continue;
        return this.checkLocal(user, password);
      }
      const outcome = await this.remote?.check(method, user, password, client);
      if (outcome !== undefined && outcome !== 'no-answer') return outcome;
    }
    return BAD;
  }

  /**
   * Unknown users and key-only users cost the same scrypt work as real ones. A wrong password
   * counts toward the lockout; the lock is checked both before hashing and after (another
   * attempt may have locked the user meanwhile). A success clears the count.
   */
  private async checkLocal(user: string, password: string): Promise<AuthOutcome> {
    const before = this.users.get(user);
    if (before !== null && isLocked(before.lockout, this.now())) {
      // Same scrypt cost as a wrong password, so timing does not tell a locked account apart.
      await verifyPassword(password, null);
      return LOCKED;
    }
    const matches = await verifyPassword(password, before?.passwordHash ?? null);
    const after = this.users.get(user);
    if (after === null || before === null) return BAD;
    if (isLocked(after.lockout, this.now())) return LOCKED;
    // The password may have changed during the await: only the hash we checked counts.
    if (!matches || after.passwordHash !== before.passwordHash) {
      this.users.recordFailedLogin(user, lockoutPolicy(this.settings.get().lockoutHours), this.now());
      return BAD;
    }
    if (after.lockout.failures > 0) this.users.recordSuccessfulLogin(user);
    return { ok: true, user };
  }

  /**
   * Decided: an offered key that does not match is not a failed login (SSH clients offer every
   * key they hold), and a match does not clear the count either: the transport has not checked
   * the signature yet, and a public key is public. Call `publicKeyLoginVerified` after it has.
   * Keys are local credentials: they work whatever `AUTH=` says (decided, issue 15).
   */
  async checkPublicKey(user: string, algo: string, data: Buffer, _client: ClientInfo): Promise<AuthOutcome> {
    if (!this.sshMethods().publicKey) return DISABLED;
    const record: StoredUser | null = this.users.get(user);
    if (record === null) return BAD;
    if (isLocked(record.lockout, this.now())) return LOCKED;
    return isAuthorisedKey(record.keys, { algo, data }) ? { ok: true, user } : BAD;
  }

  /** The transport verified the signature of an accepted key: the login succeeded. */
  publicKeyLoginVerified(user: string): void {
    const record = this.users.get(user);
    if (record !== null && record.lockout.failures > 0) this.users.recordSuccessfulLogin(user);
  }

  sshMethods(): SshMethods {
    const { sshEnabled, sshAuth } = this.settings.get();
    const rule = sshAuthRule(sshAuth);
    return {
      enabled: sshEnabled,
      password: sshEnabled && rule.password,
      publicKey: sshEnabled && rule.publicKey,
      bothRequired: rule.bothRequired,
    };
  }
}
