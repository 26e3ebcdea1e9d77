import type { ClientInfo } from './terminal.js';

/** What a login asked for, parsed from the login name (SPEC §2 grammar) or fixed by a port socket. */
export interface LoginTarget {
  /** Port number or port name; null for the CLI. */
  readonly port: number | string | null;
  readonly exclusive: boolean;
  /** LISTEN (SPEC §6): a read-only monitor instead of a read-write connection (browser terminal). */
  readonly listen?: boolean;
}

export type AuthOutcome =
  | { readonly ok: true; readonly user: string }
  | { readonly ok: false; readonly reason: 'bad-credentials' | 'locked' | 'method-disabled' };

/**
 * How transports check credentials. Implementations never reject: every failure is an outcome.
 * Failed network logins count toward the lockout (SPEC §9); hashing runs off the event loop so
 * a login storm does not serialise on it.
 */
export interface Authenticator {
  checkPassword(user: string, password: string, client: ClientInfo): Promise<AuthOutcome>;
  /**
   * The key offered is in the user's authorised keys. `algo` and `data` are as ssh2 gives them
   * (`ctx.key`); the transport verifies the signature itself.
   */
  checkPublicKey(user: string, algo: string, data: Buffer, client: ClientInfo): Promise<AuthOutcome>;
  /**
   * SPEC §6 SERVER SSH AUTH=: which SSH methods are on now; `bothRequired` (AUTH=PW&KEY or
   * KEY&PW): a login needs a password and a key, for the same user, in either order.
   */
  sshMethods(): {
    readonly password: boolean; readonly publicKey: boolean; readonly enabled: boolean; readonly bothRequired?: boolean;
  };
}

/** SPEC §9: what a CLI login beyond `maxCliLogins` is told before its connection closes. */
export const TOO_MANY_LOGINS = '[ccmd] Too many logins; try again later';

/**
 * A place held for one login while its credentials are checked. Exactly one of the two ends it;
 * both are idempotent, and calling either after the other does nothing.
 */
export interface LoginReservation {
  /** The check failed, was abandoned or its connection went away: the place is free again. */
  release(): void;
  /** The login is handed to the `LoginHandler` now and counts itself from here on. */
  commit(): void;
}

/**
 * Admission checked before any password is hashed (SPEC §9: CLI-only logins are capped), so a
 * login storm beyond the cap is turned away at once instead of after a costly hash each.
 * `tryReserve` answers null when the target may not be admitted now; otherwise the caller holds
 * the returned reservation until the login is handed over (`commit`) or fails (`release`).
 * Never throws.
 */
export interface LoginGate {
  tryReserve(target: LoginTarget): LoginReservation | null;
}

/** A transport hands each authenticated login to the runtime through this. */
export type LoginHandler = (terminal: import('./terminal.js').Terminal, login: {
  readonly user: string;
  readonly target: LoginTarget;
}) => void;
