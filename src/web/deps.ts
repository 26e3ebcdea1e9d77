/**
 * What the web side (SPEC §10: JSON API, metrics, pages, browser terminal) is given by the daemon.
 * Everything here is the same object the SSH/Telnet side uses: one broker, one store, one set of
 * services, one authenticator; the web is another way in, not a second implementation.
 */
import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type { Logger } from '../logger.js';
import type { Clock } from '../runtime/clock.js';
import type { DaemonServices } from '../runtime/daemon-services.js';
import type { DaemonMetrics } from '../runtime/metrics.js';
import type { LoginHandler } from '../transports/auth.js';
import type { AccessMethod, ClientInfo } from '../transports/terminal.js';
import type { WebLoginCheck } from './web-login.js';

export interface WebDeps {
  readonly services: DaemonServices;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: DaemonMetrics;
  /**
   * The shared credential check for HTTP logins (web/web-login.ts): same authenticator, lockout
   * and scrypt as SSH/Telnet, behind its own admission gate. Use method `web` for the pages.
   */
  readonly authenticateWebLogin: WebLoginCheck;
  /**
   * Hands an authenticated login's terminal to the runtime, exactly as SSH and Telnet do (the
   * CLI cap, the broker, notices, the access character). The browser terminal builds a
   * `Terminal` over its WebSocket (client.method `web`) and calls this.
   */
  readonly startLogin: LoginHandler;
  /** The web is served over HTTPS (cookies get `Secure`). */
  readonly tls: boolean;
}

/** The hono environment of every web route: node's request and response are in `c.env`. */
export interface WebEnv {
  Bindings: HttpBindings;
}

/** Where an HTTP request came from, as a login's `ClientInfo` (SPEC §5 method, host, address). */
export function clientOf<E extends WebEnv>(c: Context<E>, method: Extract<AccessMethod, 'web' | 'api'>): ClientInfo {
  const socket = c.env.incoming.socket;
  const address = socket.remoteAddress ?? '';
  return { method, address, remotePort: socket.remotePort ?? 0, localPort: socket.localPort ?? 0, host: address, listener: method };
}
