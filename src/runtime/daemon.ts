/**
 * The daemon's wiring: config → store → first-start Admin → ports → broker → listeners →
 * control socket. `startDaemon` returns a handle (tests use it in-process); `runDaemon` adds
 * signals and the ready file for `ccmd serve`.
 */
import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Server } from 'node:net';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createLogger, type Logger } from '../logger.js';
import { StoreAuthenticator } from '../auth/authenticator.js';
import { backendFor } from '../auth/backends.js';
import { RemoteLockouts } from '../auth/remote-lockouts.js';
import { bootstrapAdmin } from '../store/bootstrap.js';
import { openStore, type Store } from '../store/store.js';
import { CONTROL_SOCKET_NAME } from '../transports/control-protocol.js';
import { startControlSocket } from '../transports/control-socket.js';
import { TOO_MANY_LOGINS, type LoginTarget } from '../transports/auth.js';
import { CliLoginGate, ConcurrentCheckGate } from '../transports/login-gate.js';
import { loadOrCreateHostKey } from '../transports/ssh/host-key.js';
import type { Terminal } from '../transports/terminal.js';
import { Appliance, type SessionRecorder } from './appliance.js';
import { ApplianceCli } from './appliance-cli.js';
import { realClock, type Clock } from './clock.js';
import { CONSOLE_USER, DaemonServices } from './daemon-services.js';
import { InheritedListeners, type ListenerHandle } from './inherited-listeners.js';
import { startListeners, type Listeners, type ListenerPorts } from './listeners.js';
import { LoginConnection } from './login/login-connection.js';
import { createPortHandles } from './port-handles.js';
import { StoreSessionRecorder } from './session-recorder.js';
import { countedAuthenticator } from './counted-authenticator.js';
import { DaemonMetrics, type PortGaugeView } from './metrics.js';
import { portStatus } from '../services/session-status.js';
import { notifyReady, type SystemdNotifier } from './systemd-notify.js';
import { awaitHandover, handOver, REBOOT_EXIT_STATUS, reportReady, underSystemd } from './reboot.js';
import { tokenReply } from './control-tokens.js';
import type { WebServer } from '../web/server.js';

export interface DaemonOptions {
  readonly configFile?: string;
  readonly overrides?: Partial<Config>;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Listening sockets handed over by the previous process (SERVER REBOOT, issue 12). */
  readonly inherited?: InheritedListeners;
}

/** HTTP logins checked at once (SPEC §10): at most 2 web hashes wait ahead of an SSH/Telnet login's. */
const WEB_LOGIN_CHECKS = 2;

export interface RunningDaemon {
  readonly dataDir: string;
  /** Bound ports, the web's too (`web`: 0 when off). */
  readonly listeners: ListenerPorts & { readonly web: number };
  readonly services: DaemonServices;
  readonly store: Store;
  readonly logger: Logger;
  /** Every listening socket, named (SERVER REBOOT hands them to the next process). */
  listenerHandles(): ListenerHandle[];
  stop(reason?: string): Promise<void>;
}

export async function startDaemon(options: DaemonOptions = {}): Promise<RunningDaemon> {
  const { config, profile } = loadConfig(options.configFile, options.overrides);
  const logger = options.logger ?? createLogger();
  const clock = options.clock ?? realClock;
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = openStore(dataDir, { maxUsers: profile.maxUsers, groupsPerUser: profile.groupsPerUser });
  const stale = store.sessions.endAllRunning(clock.now(), 'daemon stopped');
  if (stale > 0) logger.warn({ sessions: stale }, 'closed sessions left open by an earlier run');
  const boot = await bootstrapAdmin(store.users, { dataDir, adminPassword: process.env.CCMD_ADMIN_PASSWORD, now: clock.now() });
  if (boot.kind === 'failed') throw new Error(`cannot create the first user: ${boot.message}`);
  if (boot.kind === 'created') logger.info({ user: boot.user, passwordFrom: boot.passwordFrom }, 'created the first appliance administrator');

  const server = store.server.get();
  // Gauges read the services at scrape time; they exist before the first scrape can happen.
  let portGauges: () => readonly PortGaugeView[] = () => [];
  const metrics = new DaemonMetrics(() => portGauges());
  const ports = createPortHandles({ profile, config, store, clock, logger, dataDir });
  const stored = new StoreSessionRecorder(store, logger, ports.logMarks);
  // SPEC §6 SERVER CLI HISTORY=KEEP|CLEAR: the port decides whether its history goes with the session.
  const recorder: SessionRecorder = {
    sessionStarted: (e, at) => stored.sessionStarted(e, at),
    sessionEvent: (e, at) => {
      stored.sessionEvent(e, at);
      metrics.sessionEvent(e.event);
    },
    connectionAttached: (id, port, p, link, at) => stored.connectionAttached(id, port, p, link, at),
    connectionDetached: (id, port, at) => stored.connectionDetached(id, port, at),
    sessionEnded: (e, at) => {
      stored.sessionEnded(e, at);
      ports.handles[e.port - 1]?.sessionEnded();
    },
  };
  const appliance = new Appliance(profile, clock, recorder, logger, {
    nextSessionNumber: store.sessions.nextSessionNumber(),
    serverShare: server.share,
    queryTimeoutMs: server.queryTimeoutSeconds * 1000,
    // Issue 13: the test and CI runs check the broker's invariants after every step.
    checkInvariants: process.env.CCMD_CHECK_INVARIANTS === '1',
  });
  const remoteLockouts = new RemoteLockouts();
  const services = new DaemonServices(profile, config, store, appliance, clock, ports.handles, logger, remoteLockouts);
  for (let n = 1; n <= profile.ports; n++) services.portSettingsChanged(n);
  ports.onDeviceEvent((port, notice) => services.deviceEvent(port, notice));
  const cli = new ApplianceCli(services, logger);
  services.cli = cli;
  portGauges = () => portGaugeViews(services);

  const authenticator = countedAuthenticator(new StoreAuthenticator(store.users, store.server, () => clock.now(), {
    settings: store.auth, remoteUsers: store.remoteUsers, portCount: profile.ports, backendFor, logger, lockouts: remoteLockouts,
  }), metrics);
  const hostKey = await loadOrCreateHostKey(dataDir);
  // SPEC §9 CLI cap: the gate turns a CLI login away before its password is hashed. The check
  // here is the backstop for what the gate cannot see: a second shell on one SSH connection, and
  // `ccmd console` logins (never refused) filling places while a check was in progress.
  const gate = new CliLoginGate(config.maxCliLogins, () => services.cliLoginCount());
  const onLogin = (terminal: Terminal, login: { user: string; target: LoginTarget }): void => {
    if (login.target.port === null && services.cliLoginCount() >= config.maxCliLogins) {
      terminal.write(`${TOO_MANY_LOGINS}\r\n`);
      terminal.close();
      return;
    }
    services.recordLogin(login.user);
    new LoginConnection(terminal, login.user, services, login.target);
  };
  let listeners: Listeners | undefined;
  let control: Server;
  let web: WebServer | null = null;
  try {
    listeners = await startListeners({
      config, profile, hostKey: hostKey.privateKey, authenticator, onLogin, gate, logger,
      portSocket: (n) => services.portSettings(n).socket,
      inherited: options.inherited,
    });
    services.portSockets = listeners.portSockets;
    if (config.webPort !== 0) {
      // Issue 14 (memory): the web server's modules load only when it is on, and the app (hono,
      // ws, the pages and API) only on the first request (web/server.ts).
      const { startWebServer } = await import('../web/server.js');
      const app = async () => {
        const [{ createWebApp }, { webLoginCheck }] = await Promise.all([import('../web/app.js'), import('../web/web-login.js')]);
        const authenticateWebLogin = webLoginCheck({
          authenticator, gate: new ConcurrentCheckGate(WEB_LOGIN_CHECKS), logger,
          onOutcome: (method, outcome) => { if (!outcome.ok && outcome.reason === 'busy') metrics.login(method, 'busy'); },
        });
        return createWebApp({ services, clock, logger, metrics, authenticateWebLogin, startLogin: onLogin, tls: config.webTls !== undefined });
      };
      web = await startWebServer({
        host: config.bind, port: Math.max(0, config.webPort), fd: options.inherited?.take('web', Math.max(0, config.webPort)),
        tls: config.webTls, app, logger,
        requestTimeoutMs: config.webRequestTimeoutSeconds * 1000, maxConnections: config.webMaxConnections,
      });
      listeners.noteListener(web.port, 'web');
    }
    control = await startControlSocket(join(dataDir, CONTROL_SOCKET_NAME), {
      exec: (line, json) => cli.exec(line, json),
      console: (terminal) => { new LoginConnection(terminal, CONSOLE_USER, services, { port: null, exclusive: false }); },
      token: (request) => tokenReply(services.services, request),
    }, (err) => logger.error({ err }, 'control socket error'));
    // Sockets handed over for listeners turned off since: their ports are freed.
    options.inherited?.closeUnused();
  } catch (err) {
    options.inherited?.closeUnused();
    await web?.close();
    await listeners?.close();
    await ports.stop();
    store.close();
    throw err;
  }
  const bound = { ...listeners.ports, web: web?.port ?? 0 };
  logger.info({ profile: profile.name, listeners: bound, down: ports.down() }, 'ccmd ready');

  let stopping: Promise<void> | null = null;
  const stop = (reason = 'shutting down'): Promise<void> => {
    stopping ??= (async () => {
      for (const login of [...services.activeLogins]) {
        login.print(`\r\n[ccmd] Appliance ${reason}`);
        login.close();
      }
      control.close();
      await web?.close();
      await listeners.close();
      appliance.stop();
      await ports.stop();
      store.close();
      logger.info('ccmd stopped');
    })();
    return stopping;
  };
  const listenerHandles = (): ListenerHandle[] => {
    const fd = web?.fd ?? null;
    return [...listeners.handles(), ...(web !== null && fd !== null ? [{ name: 'web', fd, port: web.port }] : [])];
  };
  return { dataDir, listeners: bound, services, store, logger, listenerHandles, stop };
}

/** SPEC §10 gauges: each port's status as SHOW SESSIONS has it, its connections, its device. */
function portGaugeViews(services: DaemonServices): PortGaugeView[] {
  const now = services.now();
  return services.broker().ports.map((p) => {
    const device = services.port(p.port).status();
    const { status } = portStatus(p, device, now);
    return {
      port: p.port, status, connections: p.connections.length + p.pending.length, deviceUp: device.state === 'open',
      rxBytes: device.rxBytes, txBytes: device.txBytes, droppedBytes: device.droppedBytes,
    };
  });
}

/**
 * `ccmd serve`: start, write `<data dir>/ccmd.ready.json`, stop cleanly on SIGTERM/SIGINT, and
 * restart on SERVER REBOOT (reboot.ts). A process started by a reboot first waits for the old
 * one to stop, then listens on the sockets it handed over.
 */
export async function runDaemon(options: DaemonOptions): Promise<void> {
  await awaitHandover();
  const daemon = await startDaemon({ ...options, inherited: options.inherited ?? InheritedListeners.fromEnv() });
  const ready = join(daemon.dataDir, 'ccmd.ready.json');
  writeFileSync(`${ready}.tmp`, JSON.stringify({ pid: process.pid, ...daemon.listeners }), { mode: 0o600 });
  renameSync(`${ready}.tmp`, ready);
  reportReady();
  // Signals are handled from here on, even while systemd is still being told we are ready.
  const systemd = notifyReady(daemon.logger);
  await new Promise<void>((resolveStop) => {
    let ending = false;
    // One ending only: a signal during a reboot (or the reverse) changes nothing.
    const end = (what: string, work: () => Promise<void>): void => {
      if (ending) return;
      ending = true;
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      // A stop that fails is a failed run: exit non-zero (the test harness fails on it, issue 13).
      void work().then(() => resolveStop(), (err: unknown) => {
        process.stderr.write(`ccmd: ${what} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
        process.exitCode = 1;
        resolveStop();
      });
    };
    const onSignal = (): void => end('stopping', async () => {
      await (await systemd).stopping();
      await daemon.stop('shutting down');
    });
    daemon.services.rebootHandler = (by) => end('rebooting', () => reboot(daemon, systemd, by));
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/** SERVER REBOOT, once the user said Y: see reboot.ts for the two ways. */
async function reboot(daemon: RunningDaemon, systemd: Promise<SystemdNotifier>, by: string): Promise<void> {
  const reason = `rebooting by ${by}`;
  daemon.logger.info({ by, systemd: underSystemd() }, 'reboot requested');
  if (underSystemd()) {
    await (await systemd).stopping();
    await daemon.stop(reason);
    process.exitCode = REBOOT_EXIT_STATUS;
    return;
  }
  const pid = await handOver(daemon.listenerHandles(), () => daemon.stop(reason), daemon.logger);
  daemon.logger.info({ pid }, 'reboot: the new daemon process is ready; this one exits');
}
