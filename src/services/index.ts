/**
 * The appliance's services: the one way to read or change users, ports, server settings and
 * sessions (issue 13). CLI commands (src/cli/commands) and the web API both call them, so a
 * rule lives in one place and no caller can skip it.
 *
 * How a new caller (the web API) uses them:
 * 1. Get the `Services` the daemon built: `daemon.services.services` (runtime/daemon-services.ts
 *    creates them once with `createServices(runtime)`).
 * 2. For every request, make the `Actor` from the authenticated user and where they came from:
 *    `services.actor(user, { method: 'http', address })`. It reads the user's rights and level
 *    from the store now, so a rights change applies to the next request; the console
 *    (`method: 'console'`) holds every right (SPEC §9).
 * 3. Call the method with plain typed input, e.g.
 *      `await services.users.add(actor, 'jdoe', { password: 's3cret', access: { op: 'set', list: 'P1-4,SMON' } })`
 *      `await services.ports.update(actor, '3', { baud: 115200, share: 'QUERY' })`
 *      `services.server.update(actor, { queryTimeoutSeconds: 20 })`
 *      `services.sessions.list(actor, { busy: false })`   // what `SHOW SESSIONS --json` gives
 *    Values are checked against the settings table (config/settings.ts); rights and levels are
 *    checked here (USER, PCON, SCON, BREAK, "nobody acts on a higher level", "nobody grants a
 *    right they do not hold", initiator-or-admin for sessions, port visibility).
 * 4. Every result is data: `{ ok: true, ...data }`, or `{ ok: false, error, field? }` where
 *    `error` is an entry of the one catalogue (domain/errors.ts: `code`, `text`, `detail`) and
 *    `field` names the input to blame. Map by `error.code`: 7 no such user, 8 no such session,
 *    12 no such port → 404; 4 insufficient privileges, 18 not permitted → 403; 20 session has
 *    ended → 409; 2, 3, 5, 6, 17 → 422; 16 device error → 502; 19 store failure → 500.
 *    Read methods return the same plain objects the CLI's `--json` prints, so a GET returns
 *    exactly what `ccmd exec --json` returns.
 * Changes are audited inside the service (who, when, what, from where), and the running parts
 * (broker, port runtimes, logins) are told inside it: a caller never notifies them itself.
 */
import { APPLIANCEADMIN_ACCESS, hasRight, levelOf, NO_ACCESS } from '../domain/rights.js';
import { ApplianceService } from './appliance.js';
import { AuthSettingsService } from './auth-settings.js';
import { PortService } from './ports.js';
import { knownUser } from './known-users.js';
import type { ApplianceRuntime } from './runtime.js';
import { ServerSettingsService } from './server-settings.js';
import { SessionService } from './sessions.js';
import { SpcService } from './spc.js';
import { TokenService } from './tokens.js';
import type { Actor, ActorClient } from './types.js';
import { UserService } from './users.js';

export type { Actor, ActorClient, ListChange, Outcome, Refusal } from './types.js';
export type { ApplianceRuntime, LoginView, PortControl, PortStatusView } from './runtime.js';
export type { UserChanges, UserConnection, UserSnapshot } from './users.js';
export type { AuthSettingsPatch, AuthSettingsView } from './auth-settings.js';
export type { ApplianceStatus } from './appliance.js';
export type { PortView } from './ports.js';
export type { SessionHistory, SessionInfo, SessionsRow } from './sessions.js';
export { BREAK_MS } from './ports.js';

export interface Services {
  readonly users: UserService;
  /** Issue 12: the appliance's clock and uptime (SHOW SERVER), SERVER REBOOT. */
  readonly appliance: ApplianceService;
  readonly ports: PortService;
  readonly server: ServerSettingsService;
  readonly sessions: SessionService;
  /** SPEC §10 API bearer tokens. */
  readonly tokens: TokenService;
  /** Issue 15: central authentication (AUTH= order, RADIUS, LDAP, TACACS+ servers). */
  readonly auth: AuthSettingsService;
  /** Issue 12: SPC power control of a power strip on a TD=SPC port. */
  readonly spc: SpcService;
  /** The actor for a request by `user` from `client`, with the rights they hold now. */
  actor(user: string, client: ActorClient): Actor;
  /** The appliance clock (ms), for times relative to now (`locked 12 min`). */
  now(): number;
  /** When this run of the daemon started (clock ms), for uptimes (issue 12). */
  startedAt(): number;
}

export function createServices(runtime: ApplianceRuntime): Services {
  return {
    users: new UserService(runtime),
    appliance: new ApplianceService(runtime),
    ports: new PortService(runtime),
    server: new ServerSettingsService(runtime),
    sessions: new SessionService(runtime),
    tokens: new TokenService(runtime),
    auth: new AuthSettingsService(runtime),
    spc: new SpcService(runtime),
    now: () => runtime.now(),
    startedAt: () => runtime.startedAt,
    actor(user, client) {
      const access = client.method === 'console' ? APPLIANCEADMIN_ACCESS : knownUser(runtime, user)?.access ?? NO_ACCESS;
      return { user, client, level: levelOf(access), hasRight: (right) => hasRight(access, right) };
    },
  };
}
