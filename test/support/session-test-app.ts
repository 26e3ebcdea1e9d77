/**
 * A small appliance for session command tests: a REAL store in a temp dir, the REAL broker
 * (`initialBrokerState` + `decide`), its session effects carried into the store by the real
 * `StoreSessionRecorder`, and contexts that capture printed lines and `--json` data. Port
 * devices are stand-ins whose status a test sets (open, lost with a retry time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandRegistry, type ExecuteResult } from '../../src/cli/registry.js';
import type { AppServices, CommandContext, PortControl, PortStatusView } from '../../src/cli/context.js';
import { sessionCommands } from '../../src/cli/commands/session-commands.js';
import { decide } from '../../src/domain/broker/decide.js';
import { initialBrokerState } from '../../src/domain/broker/state.js';
import type {
  BrokerCommand, BrokerEffect, BrokerOutcome, BrokerState, ConnectionId, ConnectionMode,
} from '../../src/domain/broker/types.js';
import type { Level } from '../../src/domain/levels.js';
import type { Notice } from '../../src/domain/notices.js';
import type { Profile } from '../../src/domain/profile.js';
import { parseAccessList, type Right } from '../../src/domain/rights.js';
import type { Choice } from '../../src/domain/share.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import type { PortLink, PortParticipant } from '../../src/runtime/appliance.js';
import { StoreSessionRecorder, type PortLogMarks } from '../../src/runtime/session-recorder.js';
import { defaultPortSettings } from '../../src/store/port-settings-repository.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { ClientInfo } from '../../src/transports/terminal.js';

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
  readonly registry = new CommandRegistry<CommandContext>(sessionCommands);
  readonly audits: { user: string; action: string; detail: string }[] = [];
  readonly participants = new Map<ConnectionId, PortParticipant>();
  /** The participants `connect` made, for assertions on their notices. */
  readonly logins = new Map<ConnectionId, RecordingParticipant>();
  clock = Date.UTC(2026, 10, 22, 13, 5, 0);
  private state: BrokerState;
  private nextId = 1;
  private readonly recorder: StoreSessionRecorder;
  private readonly devices = new Map<number, PortStatusView>();
  readonly app: AppServices;

  constructor(options: { profile?: Profile; logger?: Logger; marks?: PortLogMarks } = {}) {
    const profile = options.profile ?? TEST_PROFILE;
    this.recorder = new StoreSessionRecorder(this.store, options.logger ?? silentLogger(), options.marks ?? null);
    this.state = initialBrokerState({
      limits: { ports: profile.ports, maxPerPort: profile.maxPerPort, maxTotal: profile.maxSessions },
      nextSessionNumber: this.store.sessions.nextSessionNumber(),
    });
    this.app = this.services(profile);
  }

  get broker(): BrokerState { return this.state; }

  advance(ms: number): void { this.clock += ms; }

  /** Feeds the broker and carries out its effects on the participants and the recorder. */
  dispatch(command: BrokerCommand): BrokerOutcome {
    const result = decide(this.state, command, this.clock);
    this.state = result.state;
    for (const effect of result.effects) this.apply(effect);
    return result.outcome;
  }

  /** A user asks for a port; returns the connection id (granted, pending or refused). */
  connect(user: string, level: Level, port: number, opts: { exclusive?: boolean; mode?: ConnectionMode; client?: ClientOverrides } = {}): ConnectionId {
    const id = this.nextId++;
    const c = opts.client ?? {};
    const login = new RecordingParticipant(user, {
      method: c.method ?? 'ssh', address: c.address ?? '10.0.0.9', remotePort: 50000 + id,
      host: c.host ?? `${user}-pc.example`, listener: c.listener ?? 'ssh-cli',
    });
    this.participants.set(id, login);
    this.logins.set(id, login);
    return this.request(id, user, level, port, opts);
  }

  /** Like `connect`, for a participant the test made itself (e.g. one without client info). */
  connectAs(participant: PortParticipant, level: Level, port: number): ConnectionId {
    const id = this.nextId++;
    this.participants.set(id, participant);
    return this.request(id, participant.user, level, port, {});
  }

  private request(id: ConnectionId, user: string, level: Level, port: number, opts: { exclusive?: boolean; mode?: ConnectionMode }): ConnectionId {
    this.dispatch({ type: 'connect', requester: { connectionId: id, user, level }, port,
      exclusive: opts.exclusive ?? false, mode: opts.mode ?? 'rw' });
    return id;
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
      user, level, out, json, session: null, app: this.app,
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
      state: 'open', device: `simulated:${port}`, rxBytes: 0, txBytes: 0, droppedBytes: 0, nextRetryAt: null,
    };
  }

  private apply(effect: BrokerEffect): void {
    const now = this.clock;
    switch (effect.type) {
      case 'notify': this.participants.get(effect.to)?.notify(effect.notice); return;
      case 'attach': {
        const link: PortLink = { id: effect.connectionId, port: effect.port, mode: effect.mode, exclusive: effect.exclusive };
        const p = this.participants.get(effect.connectionId)!;
        p.attached(link);
        this.recorder.connectionAttached(link.id, link.port, p, link, now);
        return;
      }
      case 'detach': {
        const p = this.participants.get(effect.connectionId)!;
        this.recorder.connectionDetached(effect.connectionId, effect.port, now);
        p.detached({ id: effect.connectionId, port: effect.port, mode: 'rw', exclusive: false }, effect.reason);
        return;
      }
      case 'refuse': this.participants.get(effect.connectionId)?.refused(effect.port); return;
      case 'sessionStarted': this.recorder.sessionStarted(effect, now); return;
      case 'sessionEvent': this.recorder.sessionEvent(effect, now); return;
      case 'sessionEnded': this.recorder.sessionEnded(effect, now); return;
      default: return; // timers and key prompts: the tests drive those commands directly
    }
  }

  private services(profile: Profile): AppServices {
    const port = (n: number): PortControl => ({
      number: n,
      status: () => this.deviceStatus(n),
      applySerial: () => Promise.resolve({ refused: [] }),
      sendBreak: () => Promise.resolve({ ok: true }),
      history: () => Buffer.alloc(0),
      clearHistory: () => undefined,
    });
    return {
      profile,
      store: this.store,
      now: () => this.clock,
      broker: () => this.state,
      dispatch: (command) => this.dispatch(command),
      breakPort: () => Promise.resolve({ ok: true }),
      port,
      portSettings: (n) => this.store.ports.get(n) ?? defaultPortSettings(n),
      resolvePort: (ref) => (/^[0-9]+$/.test(ref) && Number(ref) >= 1 && Number(ref) <= profile.ports ? Number(ref) : null),
      logins: () => [],
      serverSettingsChanged: () => undefined,
      portSettingsChanged: () => undefined,
      audit: (ctx, action, detail) => { this.audits.push({ user: ctx.user, action, detail }); },
    };
  }
}
