/**
 * The daemon's running parts in one place: what logins need (LoginServices) and what the
 * services need (ApplianceRuntime). It reads settings from the store and applies them to the
 * running parts.
 */
import type { LoginView } from '../cli/context.js';
import { BREAK_MS, createServices, type ApplianceRuntime, type Services } from '../services/index.js';
import type { AuditEntry } from '../store/audit-repository.js';
import type { ExecuteResult } from '../cli/registry.js';
import { noticeText } from '../cli/notice-text.js';
import type { BrokerCommand, SessionEventKind } from '../domain/broker/types.js';
import { levelOf as levelOfAccess, canAccessPort, hasRight, APPLIANCEADMIN_ACCESS, NO_ACCESS, type AccessList } from '../domain/rights.js';
import type { Level } from '../domain/levels.js';
import type { Notice } from '../domain/notices.js';
import type { Profile } from '../domain/profile.js';
import { defaultPortName, macSuffix, shownPortName } from '../domain/port-name.js';
import { hostMac, randomMac } from './appliance-mac.js';
import { parseAccessChar, DEFAULT_ACCESS_CHAR } from '../protocol/access-char.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../logger.js';
import type { PortSettings } from '../store/port-settings-repository.js';
import type { Store } from '../store/store.js';
import type { BreakResult } from '../transports/serial/device.js';
import type { ClientInfo, Terminal } from '../transports/terminal.js';
import type { Appliance } from './appliance.js';
import type { Clock } from './clock.js';
import type { LoginConnection } from './login/login-connection.js';
import type { LoginServices, PortOutput } from './login/login-services.js';
import type { PortHandle } from './port-handle.js';
import type { PortSockets } from './port-sockets.js';
import type { RemoteLockouts } from '../auth/remote-lockouts.js';

/**
 * The control socket's identity (SPEC §9: the appliance's serial console, never locked out).
 * Parentheses cannot appear in a user name, so no database user can take it.
 */
export const CONSOLE_USER = '(console)';

/** Runs one CLI line for a login; the daemon sets it once the registry is built. */
export interface CliRunner {
  run(login: LoginConnection, line: string): Promise<ExecuteResult>;
  /** One line as `user` with no terminal (the web console's reads and actions, issue 11). */
  execAs(user: string, client: ClientInfo, line: string): Promise<{ result: ExecuteResult; output: string[]; data: unknown }>;
}

export class DaemonServices implements LoginServices, ApplianceRuntime {
  readonly activeLogins = new Set<LoginConnection>();
  cli: CliRunner | null = null;
  /** The per-port Telnet sockets, once the listeners run (SOCKET= moves them, issue 12). */
  portSockets: PortSockets | null = null;
  /** The services CLI commands and the web API call (src/services/index.ts). */
  readonly services: Services = createServices(this);
  /** When this run started (uptime: SHOW SERVER, SHOW USER; issue 12). */
  readonly startedAt: number;
  /** Issue 12 item 10: the appliance's MAC (config `applianceMac`, else the one kept since the first start). */
  readonly mac: string;
  private readonly macSuffix: string;
  /** SERVER REBOOT's restart, set by `ccmd serve` (runDaemon); null in a daemon started in-process. */
  rebootHandler: ((by: string) => void) | null = null;
  private rebooting = false;

  constructor(
    readonly profile: Profile,
    readonly config: Config,
    readonly store: Store,
    readonly appliance: Appliance,
    readonly clock: Clock,
    private readonly ports: readonly PortHandle[],
    private readonly logger: Logger,
    /** Issue 15: lockout of names known only to a remote server (SHOW USER, USER UNLOCK). */
    readonly remoteLockouts: RemoteLockouts,
  ) {
    this.startedAt = clock.now();
    this.mac = (config.applianceMac ?? store.identity.mac(() => hostMac() ?? randomMac())).toLowerCase().replace(/-/g, ':');
    this.macSuffix = macSuffix(this.mac);
  }

  // ---- shared ------------------------------------------------------------------------------

  now(): number {
    return this.clock.now();
  }

  port(n: number): PortHandle {
    const handle = this.ports[n - 1];
    if (handle === undefined) throw new RangeError(`port ${n} outside 1-${this.ports.length}`);
    return handle;
  }

  portSettings(n: number): PortSettings {
    return this.store.ports.current(n, this.config.ports[String(n)]);
  }

  /** Issue 12 item 10: the name shown: NAME= if set, else the appliance's default (`3A-0F-C2-P7`). */
  portName(n: number): string {
    return shownPortName(this.portSettings(n).name, this.macSuffix, n);
  }

  /** A port by number, by the name set with NAME=, or by its default name (any case). */
  resolvePort(ref: number | string): number | null {
    const text = String(ref);
    if (/^[0-9]+$/.test(text)) {
      const n = Number(text);
      return n >= 1 && n <= this.profile.ports ? n : null;
    }
    const wanted = text.toLowerCase();
    for (let n = 1; n <= this.profile.ports; n++) {
      if (this.portSettings(n).name?.toLowerCase() === wanted) return n;
    }
    for (let n = 1; n <= this.profile.ports; n++) {
      if (this.portSettings(n).name === null && defaultPortName(this.macSuffix, n).toLowerCase() === wanted) return n;
    }
    return null;
  }

  /**
   * A user's rights now; the console holds every right; a local user their record's; a user
   * known only remotely what the server granted at their last login (issue 15); anyone else none.
   */
  accessOf(user: string): AccessList {
    if (user === CONSOLE_USER) return APPLIANCEADMIN_ACCESS;
    return this.store.users.get(user)?.access ?? this.store.remoteUsers.get(user)?.access ?? NO_ACCESS;
  }

  levelOf(user: string): Level {
    return levelOfAccess(this.accessOf(user));
  }

  /** SPEC §7 device lost/back: told to everyone on the port. */
  announceToPort(port: number, notice: Notice): void {
    for (const login of this.activeLogins) if (login.port === port) login.notify(notice);
  }

  /**
   * The port's device went away or came back: everyone on the port is told (SPEC §7) and the
   * running session's history records `device-lost` / `device-back` (SPEC §5; issue 13).
   */
  deviceEvent(port: number, notice: Extract<Notice, { kind: 'deviceLost' | 'deviceBack' }>): void {
    this.recordPortEvent(port, notice.kind === 'deviceLost' ? 'device-lost' : 'device-back', '');
    this.announceToPort(port, notice);
  }

  /**
   * A terminal login began (SSH, Telnet, the browser terminal): SHOW USER's Last Login (issue 12).
   * Remote users' logins are recorded by the authenticator; the console has no record.
   */
  recordLogin(user: string): void {
    try {
      this.store.users.recordLogin(user, this.now());
    } catch (err) {
      this.logger.warn({ err, user }, 'could not record the last login');
    }
  }

  /** Logins at the CLI (not straight to a port), capped by `maxCliLogins` (SPEC §9). */
  cliLoginCount(): number {
    let count = 0;
    for (const login of this.activeLogins) if (!login.direct) count += 1;
    return count;
  }

  // ---- LoginServices -------------------------------------------------------------------------

  renderNotice(notice: Notice): string {
    return noticeText(notice, (n) => this.portName(n));
  }

  portRefusal(user: string, port: number): Notice | null {
    const groups = user === CONSOLE_USER ? [] : this.store.users.get(user)?.groups ?? [];
    if (!canAccessPort({ access: this.accessOf(user), groups }, port, this.store.groups.list())) {
      return { kind: 'insufficientPrivileges', port };
    }
    if (!this.port(port).available) return { kind: 'deviceUnavailable', port };
    return null;
  }

  idleTimeoutMs(port: number | null): number {
    const cliMinutes = this.store.server.get().cliTimeoutMinutes;
    const portMinutes = port === null ? 0 : this.portSettings(port).timeoutMinutes;
    return (portMinutes > 0 ? portMinutes : cliMinutes) * 60_000;
  }

  recordIdle(port: number, user: string): void {
    this.recordPortEvent(port, 'idle-timeout', user);
  }

  outputStalled(port: number, user: string): void {
    this.logger.warn({ port, user, seconds: this.config.outputStallSeconds }, 'client stopped reading port output: disconnected');
  }

  accessChar(port: number): number {
    const text = this.portSettings(port).char ?? this.store.server.get().cliChar;
    const parsed = parseAccessChar(text);
    return parsed.ok ? parsed.byte : DEFAULT_ACCESS_CHAR;
  }

  openPortOutput(port: number, terminal: Terminal, onStalled?: () => void): PortOutput {
    return this.port(port).openOutput(terminal, onStalled);
  }

  writeToPort(port: number, data: Buffer): void {
    this.port(port).write(data);
  }

  /** Telnet IAC BRK / SSH break from a connected user: checks the BREAK right, answers with text. */
  async sendBreak(port: number, user: string): Promise<string | null> {
    if (!hasRight(this.accessOf(user), 'BREAK')) return '[ccmd] Break refused: insufficient privileges';
    const result = await this.breakPort(port, user);
    return result.ok ? null : `[ccmd] Break not sent: ${result.reason}`;
  }

  /** Every break, from a keystroke or PORT n BREAK, lands in the session's history (SPEC §5). */
  async breakPort(port: number, user: string): Promise<BreakResult> {
    const result = await this.port(port).sendBreak(BREAK_MS);
    if (result.ok) this.recordPortEvent(port, 'break-sent', user);
    return result;
  }

  /** SPEC §5 history events the broker does not see (it decides sessions, not keystrokes). */
  private recordPortEvent(port: number, event: 'idle-timeout' | 'break-sent' | 'device-lost' | 'device-back', user: string): void {
    this.recordSessionEvent(port, event, user, null);
  }

  /** Issue 12: `power` (SPC) and the events above, in the running session of the port if any. */
  recordSessionEvent(port: number, event: SessionEventKind, user: string, detail: string | null): boolean {
    const session = this.appliance.brokerState.ports[port - 1]?.session;
    if (!session) return false;
    try {
      this.store.sessions.addEvent({ sessionId: session.id, at: this.now(), event, user, detail });
    } catch (err) {
      this.logger.error({ err, port, event }, 'could not record session event');
    }
    return true;
  }

  runCli(login: LoginConnection, line: string): Promise<ExecuteResult> {
    if (this.cli === null) return Promise.resolve({ ok: true });
    return this.cli.run(login, line);
  }

  // ---- ApplianceRuntime (for the services) ---------------------------------------------------------------------------

  broker() {
    return this.appliance.brokerState;
  }

  dispatch(command: BrokerCommand) {
    return this.appliance.dispatch(command);
  }

  logins(): Iterable<LoginView> {
    return this.activeLogins;
  }

  serverSettingsChanged(): void {
    const settings = this.store.server.get();
    this.appliance.dispatch({ type: 'setShareMode', port: null, share: settings.share });
    this.appliance.dispatch({ type: 'setQueryTimeout', ms: settings.queryTimeoutSeconds * 1000 });
  }

  /**
   * SERVER REBOOT (issue 12): the restart begins once the command's answer is out (the next turn
   * of the event loop); refused where nobody can restart this process, or while one is under way.
   */
  reboot(by: string, options: { readonly checkOnly?: boolean } = {}): { ok: true } | { ok: false; reason: string } {
    const handler = this.rebootHandler;
    if (handler === null) return { ok: false, reason: 'this daemon was not started by ccmd serve, so nothing would start it again' };
    if (this.rebooting) return { ok: false, reason: 'a reboot is already under way' };
    if (options.checkOnly === true) return { ok: true };
    this.rebooting = true;
    setImmediate(() => handler(by));
    return { ok: true };
  }

  /** PORT n SET SOCKET=: the port's Telnet socket moves now (port-sockets.ts). */
  movePortSocket(n: number, socket: number | null): Promise<{ ok: true } | { ok: false; reason: string }> {
    if (this.portSockets === null) return Promise.resolve({ ok: true });
    return this.portSockets.move(n, socket);
  }

  portSettingsChanged(n: number): void {
    this.appliance.dispatch({ type: 'setShareMode', port: n, share: this.portSettings(n).share });
  }

  audit(entry: AuditEntry): void {
    try {
      this.store.audit.record(entry);
    } catch (err) {
      this.logger.error({ err, action: entry.action }, 'audit record failed');
    }
  }
}
