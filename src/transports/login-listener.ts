/**
 * What the SSH and Telnet listeners (SPEC §2) have in common to be told: where to listen, how to
 * check and parse a login, where to hand it, and how long a login may take.
 */
import type { Logger } from '../logger.js';
import type { Authenticator, LoginGate, LoginHandler } from './auth.js';
import type { LoginNameParser } from './ssh/ssh-auth.js';
import type { TcpAddress } from './tcp-listener.js';

export const DEFAULT_LOGIN_TIMEOUT_MS = 60_000;

export interface LoginListenerOptions extends TcpAddress {
  readonly authenticator: Authenticator;
  readonly parseLoginName: LoginNameParser;
  readonly onLogin: LoginHandler;
  /**
   * Admission checked before a password is hashed or a key looked up (SPEC §9 CLI cap); the
   * place is held until the login is handed to `onLogin` or fails. None: every login is checked.
   */
  readonly gate?: LoginGate;
  /** Listener name for ClientInfo, e.g. `telnet-cli`, `ssh-cli`, `telnet-port-3`, `ssh-port-3`. */
  readonly listenerName: string;
  /** Port socket (SPEC §2, base+n): the port a login goes to when its name names none. */
  readonly fixedPort?: number;
  /** Connections not logged in by then are closed. Default 60 s. */
  readonly loginTimeoutMs?: number;
  /** Optional reverse lookup for ClientInfo.host; off by default (the address is used). */
  readonly lookupHostName?: (address: string) => Promise<string>;
  readonly logger?: Logger;
}
