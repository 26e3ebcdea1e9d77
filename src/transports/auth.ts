import type { ClientInfo } from './terminal.js';

/** What a login asked for, parsed from the login name (SPEC §2 grammar) or fixed by a port socket. */
export interface LoginTarget {
  /** Port number or port name; null for the CLI. */
  readonly port: number | string | null;
  readonly exclusive: boolean;
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
  /** SPEC §6 SERVER SSH AUTH=: which SSH methods are on now. */
  sshMethods(): { readonly password: boolean; readonly publicKey: boolean; readonly enabled: boolean };
}

/** A transport hands each authenticated login to the runtime through this. */
export type LoginHandler = (terminal: import('./terminal.js').Terminal, login: {
  readonly user: string;
  readonly target: LoginTarget;
}) => void;
