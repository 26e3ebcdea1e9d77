/**
 * A small appliance for session command tests: a REAL store in a temp dir, the daemon's own
 * `Appliance` (broker, effects, query timers) on a fake clock, its session effects carried into
 * the store by the real `StoreSessionRecorder`, and contexts that capture printed lines and
 * `--json` data. Port
 * devices are stand-ins whose status a test sets (open, lost with a retry time).
 */
import { macSuffix, shownPortName } from '../../src/domain/port-name.js';
import { RemoteLockouts } from '../../src/auth/remote-lockouts.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandRegistry, type ExecuteResult } from '../../src/cli/registry.js';
import type { CommandContext, PortControl, PortStatusView } from '../../src/cli/context.js';
import { createServices, type ApplianceRuntime, type Services } from '../../src/services/index.js';
import { SESSION_MANAGEMENT_COMMANDS } from '../../src/cli/commands/index.js';
import { DEFAULT_QUERY_TIMEOUT_MS } from '../../src/domain/broker/state.js';
import type {
  BrokerCommand, BrokerOutcome, BrokerState, ConnectionId, ConnectionMode,
} from '../../src/domain/broker/types.js';
import type { Level } from '../../src/domain/levels.js';
import type { Notice } from '../../src/domain/notices.js';
import type { Profile } from '../../src/domain/profile.js';
import { parseAccessList, type Right } from '../../src/domain/rights.js';
import type { Choice } from '../../src/domain/share.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import { Appliance, type PortLink, type PortParticipant } from '../../src/runtime/appliance.js';
import { StoreSessionRecorder, type PortLogMarks } from '../../src/runtime/session-recorder.js';
import { defaultPortSettings } from '../../src/store/port-settings-repository.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { ClientInfo } from '../../src/transports/terminal.js';
import { FakeClock } from './fake-clock.js';

export const TEST_PROFILE: Profile = {
  name: 'test4', ports: 4, maxSessions: 16, maxPerPort: 4, groupsPerUser: 16, maxUsers: 64, historyBytes: 65536,
};

/** A login as the broker's effects reach it: notices kept for assertions, with client info. */
export class RecordingParticipant implements PortParticipant {
  readonly notices: Notice[] = [];
  attachedTo: PortLink | null = null;
  detachReason: string | null = null;
  constructor(readonly user: string, readonly client: ClientInfo) {}
  notify(notice: Notice): void { this.notices.push(notice); }
  attached(link: PortLink): void { this.attachedTo = link; }
  detached(_link: PortLink, reason: string): void { this.attachedTo = null; this.detachReason = reason; }
  refused(): void { this.attachedTo = null; }
  awaitChoice(_id: ConnectionId, _options: readonly Choice[]): void { /* the test answers with choose() */ }
  awaitApproval(): void { /* the test answers with answer() */ }
  awaitAnswer(): void { /* the test answers with answer() */ }
  questionWithdrawn(): void { /* nothing to stop: the test has no key reader */ }
}

export interface TestContext extends CommandContext {
  readonly out: string[];
  readonly json: unknown[];
}

export interface ClientOverrides { method?: ClientInfo['method']; host?: string; address?: string; listener?: string }

export class SessionTestApp {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'ccmd-sessions-'));
  readonly store: Store = openStore(this.dir, { maxUsers: 64, groupsPerUser: 16 });
  readonly registry = new CommandRegistry<CommandContext>(SESSION_MANAGEMENT_COMMANDS);
  readonly audits: { user: string; action: string; detail: string }[] = [];
  /** The participants `connect` made, for assertions on their notices. */
  readonly logins = new Map<ConnectionId, RecordingParticipant>();
  /** Query deadlines and idle times run on this clock: `advance` fires what falls due. */
  readonly fakeClock = new FakeClock(Date.UTC(2026, 10, 22, 13, 5, 0));
  /** The daemon's own shell around the broker, carrying effects to participants and recorder. */
  private readonly appliance: Appliance;
  private readonly devices = new Map<number, PortStatusView>();
  readonly app: ApplianceRuntime;
  /** The real services over `app`. */
  readonly services: Services;

  constructor(options: { profile?: Profile; logger?: Logger; marks?: PortLogMarks } = {}) {
    const profile = options.profile ?? TEST_PROFILE;
    const logger = options.logger ?? silentLogger();
    const recorder = new StoreSessionRecorder(this.store, logger, options.marks ?? null);
    this.appliance = new Appliance(profile, this.fakeClock, recorder, logger, {
      nextSessionNumber: this.store.sessions.nextSessionNumber(), serverShare: 'QUERY', queryTimeoutMs: DEFAULT_QUERY_TIMEOUT_MS,
      checkInvariants: true,
    });
    this.app = this.runtime(profile);
    this.services = createServices(this.app);
  }

  get clock(): number { return this.fakeClock.now(); }

  get broker(): BrokerState { return this.appliance.brokerState; }

  advance(ms: number): void { this.fakeClock.advance(ms); }

  dispatch(command: BrokerCommand): BrokerOutcome | 'queued' {
    return this.appliance.dispatch(command);
  }

  /** A user asks for a port; returns the connection id (granted, pending or refused). */
  connect(user: string, level: Level, port: number, opts: { exclusive?: boolean; mode?: ConnectionMode; client?: ClientOverrides } = {}): ConnectionId {
    const c = opts.client ?? {};
    const login = new RecordingParticipant(user, {
      method: c.method ?? 'ssh', address: c.address ?? '10.0.0.9', remotePort: 50000 + this.logins.size,
      host: c.host ?? `${user}-pc.example`, listener: c.listener ?? 'ssh-cli',
    });
    const id = this.connectAs(login, level, port, opts);
    this.logins.set(id, login);
    return id;
  }

  /** Like `connect`, for a participant the test made itself (e.g. one without client info). */
  connectAs(participant: PortParticipant, level: Level, port: number, opts: { exclusive?: boolean; mode?: ConnectionMode } = {}): ConnectionId {
    return this.appliance.request(participant, { port, level, exclusive: opts.exclusive ?? false, mode: opts.mode ?? 'rw' });
  }

  setDevice(port: number, status: Partial<PortStatusView>): void {
    this.devices.set(port, { ...this.deviceStatus(port), ...status });
  }

  /** A stored user with an access list such as `P1-2` (what SHOW SESSIONS consults without SMON). */
  async addUser(name: string, access: string): Promise<void> {
    const list = parseAccessList(access, TEST_PROFILE.ports);
    if (!list.ok) throw new Error(list.message);
    const written = await this.store.users.add(name, { password: 'secret1', access: list.value }, this.clock);
    if (!written.ok) throw new Error(written.message);
  }

  /** A CLI context for `user` with `rights` (default: those of the level). */
  context(user: string, level: Level, rights?: readonly Right[]): TestContext {
    const held = new Set<Right>(rights ?? (level === 'USER' ? ['SMON'] : ['USER', 'SMON', 'PCON', 'BREAK', 'SCON']));
    const out: string[] = [];
    const json: unknown[] = [];
    return {
      user, level, out, json, session: null, services: this.services,
      client: { method: 'console', address: '', remotePort: 0, host: '', listener: 'console' },
      hasRight: (r) => held.has(r),
      print: (line) => out.push(line),
      data: (value) => json.push(value),
    };
  }

  run(ctx: TestContext, line: string): Promise<ExecuteResult> {
    return this.registry.execute(ctx, line);
  }

  close(): void {
    this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private deviceStatus(port: number): PortStatusView {
    return this.devices.get(port) ?? {
      state: 'open', device: `simulated:${port}`, rxBytes: 0, txBytes: 0, droppedBytes: 0, errors: 0, nextRetryAt: null,
    };
  }



  private runtime(profile: Profile): ApplianceRuntime {
    const port = (n: number): PortControl => ({
      number: n,
      status: () => this.deviceStatus(n),
      applySerial: () => Promise.resolve({ refused: [] }),
      sendBreak: () => Promise.resolve({ ok: true }),
      modemLines: () => Promise.resolve({ ok: true, lines: { cts: true, dsr: true, dcd: true } }),
      outletRequest: () => Promise.resolve({ ok: false, problem: 'unavailable', detail: 'no power strip here' }),
      history: () => Buffer.alloc(0),
      clearHistory: () => undefined,
    });
    return {
      profile,
      store: this.store,
      remoteLockouts: new RemoteLockouts(),
      startedAt: this.clock,
      now: () => this.clock,
      broker: () => this.appliance.brokerState,
      dispatch: (command) => this.dispatch(command),
      breakPort: () => Promise.resolve({ ok: true }),
      port,
      portSettings: (n) => this.store.ports.get(n) ?? defaultPortSettings(n),
      mac: '02:00:5e:3a:0f:c2',
      portName: (n) => shownPortName(this.store.ports.get(n)?.name ?? null, macSuffix('02:00:5e:3a:0f:c2'), n),
      resolvePort: (ref) => (/^[0-9]+$/.test(ref) && Number(ref) >= 1 && Number(ref) <= profile.ports ? Number(ref) : null),
      logins: () => [],
      serverSettingsChanged: () => undefined,
      portSettingsChanged: () => undefined,
      recordSessionEvent: () => false,
      audit: (entry) => { this.audits.push({ user: entry.user, action: entry.action, detail: entry.detail ?? '' }); },
    };
  }
}
