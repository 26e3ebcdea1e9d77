/**
 * An `ApplianceRuntime` (with the real services over it) for command tests: a REAL store (SQLite in a temporary directory, opened with
 * `openStore`), the real broker `decide` behind `dispatch` (every command recorded), simple
 * in-memory ports, and logins that record how they were ended. Commands run through a real
 * `CommandRegistry`, so tests see exactly the lines an operator would.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decide } from '../../src/domain/broker/decide.js';
import { initialBrokerState } from '../../src/domain/broker/state.js';
import type { BrokerCommand, BrokerOutcome, BrokerState } from '../../src/domain/broker/types.js';
import type { Level } from '../../src/domain/levels.js';
import type { Notice } from '../../src/domain/notices.js';
import type { Profile } from '../../src/domain/profile.js';
import { hasRight, levelOf, NO_ACCESS, parseAccessList, type AccessList, type Right } from '../../src/domain/rights.js';
import type { CommandContext, LoginView, PortControl, PortStatusView, SessionControl } from '../../src/cli/context.js';
import { createServices, type ApplianceRuntime, type Services } from '../../src/services/index.js';
import type { AuditEntry } from '../../src/store/audit-repository.js';
import { CommandRegistry } from '../../src/cli/registry.js';
import type { CommandDeclaration } from '../../src/cli/command.js';
import { defaultPortSettings, type PortSettings } from '../../src/store/port-settings-repository.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { ClientInfo } from '../../src/transports/terminal.js';
import { BREAK_MS } from '../../src/services/ports.js';
import { macSuffix, shownPortName } from '../../src/domain/port-name.js';
import { RemoteLockouts } from '../../src/auth/remote-lockouts.js';
import { NOT_SUPPORTED, type ModemLines, type ModemLinesResult } from '../../src/transports/serial/device.js';
import type { OutletAnswer, OutletRequest } from '../../src/protocol/outlet-protocol.js';
import type { SessionEventKind } from '../../src/domain/broker/types.js';
import type { OutputSink } from '../../src/runtime/bounded-output.js';
import { realClock } from '../../src/runtime/clock.js';
import { SpcClient, type SpcPort } from '../../src/runtime/spc-client.js';
import { PowerStrip } from '../../src/transports/serial/power-strip.js';

/** ccm850's numbers: 8 ports keep port loops short. */
export const TEST_PROFILE: Profile = {
  name: 'ccm850', ports: 8, maxSessions: 16, maxPerPort: 4, groupsPerUser: 8, maxUsers: 64, historyBytes: 65536,
};

export const TEST_CLIENT: ClientInfo = {
  method: 'ssh', address: '10.0.0.5', remotePort: 50000, host: 'ops.example', listener: 'ssh-cli',
};

/**
 * An in-memory port: refuses bauds above `maxBaud`, breaks only when `breakable`, has modem
 * lines `lines` (null: none, as a pty; 'closed': the device is not open).
 */
export class FakePort implements PortControl {
  readonly applied: PortSettings[] = [];
  readonly breaks: number[] = [];
  maxBaud = 115_200;
  breakable = true;
  lines: ModemLines | null | 'closed' = { cts: true, dsr: false, dcd: true };
  /**
   * What is on the port's far end for SPC: a real simulated power strip (4 outlets, 50 ms
   * cycles) through the real SPC client, or nothing that answers (`silent`, 200 ms time-out).
   */
  silentStrip = false;
  readonly strip: PowerStrip;
  private readonly stripOutput = new Set<OutputSink>();
  private readonly spc: SpcClient;
  counters = { rxBytes: 0, txBytes: 0, droppedBytes: 0, errors: 0 };
  buffer: Buffer;

  constructor(readonly number: number) {
    this.buffer = Buffer.from(`boot ${number}\r\ndevice${number}$ `);
    this.strip = new PowerStrip({
      outlets: 4, cycleMs: 50, clock: realClock,
      send: (bytes) => setImmediate(() => { for (const sink of this.stripOutput) sink.write(bytes); }),
    });
    const port: SpcPort = {
      attach: (sink) => {
        this.stripOutput.add(sink);
        return { queuedBytes: 0, droppedBytes: 0, detach: () => { this.stripOutput.delete(sink); } };
      },
      write: (data) => {
        if (!this.silentStrip) this.strip.input(data);
        return this.lines !== 'closed';
      },
    };
    this.spc = new SpcClient(port, realClock, 200);
  }

  outletRequest(request: OutletRequest): Promise<OutletAnswer> {
    return this.spc.request(request);
  }

  status(): PortStatusView {
    return { state: 'open', device: `sim${this.number}`, ...this.counters, nextRetryAt: null };
  }

  async applySerial(settings: PortSettings): Promise<{ refused: string[] }> {
    this.applied.push(settings);
    return { refused: settings.baud > this.maxBaud ? [`baud ${settings.baud} not supported by this device`] : [] };
  }

  async sendBreak(ms: number): Promise<{ ok: true } | { ok: false; reason: string }> {
    if (!this.breakable) return { ok: false, reason: NOT_SUPPORTED };
    this.breaks.push(ms);
    return { ok: true };
  }

  async modemLines(): Promise<ModemLinesResult> {
    if (this.lines === 'closed') return { ok: false, reason: 'device unavailable' };
    return this.lines === null ? { ok: false, reason: NOT_SUPPORTED } : { ok: true, lines: this.lines };
  }

  history(): Buffer {
    return this.buffer;
  }

  clearHistory(): void {
    this.buffer = Buffer.alloc(0);
  }
}

export class FakeLogin implements LoginView {
  readonly ended: Notice[] = [];
  constructor(
    readonly user: string,
    readonly port: number | null = null,
    readonly client: ClientInfo = TEST_CLIENT,
    readonly since = 0,
    readonly accessAtLogin: AccessList = NO_ACCESS,
  ) {}
  endLogin(notice: Notice): void {
    this.ended.push(notice);
  }
}

export interface AuditCall {
  readonly user: string;
  readonly action: string;
  readonly detail: string;
}

export class FakeApp implements ApplianceRuntime {
  readonly store: Store;
  readonly remoteLockouts = new RemoteLockouts();
  readonly dispatched: BrokerCommand[] = [];
  readonly audits: AuditCall[] = [];
  readonly ports: FakePort[];
  readonly loginList: FakeLogin[] = [];
  readonly portChanges: number[] = [];
  serverChanges = 0;
  clock = 1_700_000_000_000;
  /** Issue 12 item 10: default port names here are `3A-0F-C2-P<n>`. */
  readonly mac = '02:00:5e:3a:0f:c2';
  /** This run began an hour before the clock's start (uptimes, issue 12). */
  readonly startedAt = this.clock - 3_600_000;
  private state: BrokerState;
  private nextConnection = 1;

  /** The real services over this runtime, as the daemon builds them. */
  readonly services: Services;

  constructor(readonly profile: Profile, readonly dataDir: string) {
    this.store = openStore(dataDir, profile);
    this.services = createServices(this);
    this.ports = Array.from({ length: profile.ports }, (_, i) => new FakePort(i + 1));
    this.state = initialBrokerState({ limits: { ports: profile.ports, maxPerPort: profile.maxPerPort, maxTotal: profile.maxSessions } });
  }

  now(): number { return this.clock; }
  broker(): BrokerState { return this.state; }

  dispatch(command: BrokerCommand): BrokerOutcome {
    this.dispatched.push(command);
    const result = decide(this.state, command, this.clock);
    this.state = result.state;
    return result.outcome;
  }

  port(n: number): FakePort {
    const port = this.ports[n - 1];
    if (port === undefined) throw new Error(`no port ${n}`);
    return port;
  }

  portSettings(n: number): PortSettings {
    return this.store.ports.get(n) ?? defaultPortSettings(n);
  }

  portName(n: number): string {
    return shownPortName(this.portSettings(n).name, macSuffix(this.mac), n);
  }

  resolvePort(ref: string): number | null {
    if (/^[0-9]+$/.test(ref)) {
      const n = Number(ref);
      return n >= 1 && n <= this.profile.ports ? n : null;
    }
    const row = this.store.ports.list().find((p) => p.name !== null && p.name.toLowerCase() === ref.toLowerCase());
    if (row !== undefined) return row.port;
    for (let n = 1; n <= this.profile.ports; n++) {
      if (this.portSettings(n).name === null && this.portName(n).toLowerCase() === ref.toLowerCase()) return n;
    }
    return null;
  }

  logins(): Iterable<LoginView> {
    return this.loginList.filter((l) => l.ended.length === 0);
  }

  /** As the daemon does: the break goes to the port (the history event is the daemon's concern). */
  breakPort(port: number, _user: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    return this.port(port).sendBreak(BREAK_MS);
  }

  /** As the daemon does: into the running session of the port, if any. */
  recordSessionEvent(port: number, event: SessionEventKind, user: string, detail: string): boolean {
    const session = this.state.ports[port - 1]?.session;
    if (!session) return false;
    // This runtime has no session recorder: the session row is made when first needed.
    if (this.store.sessions.get(session.id) === null) this.store.sessions.create({ ...session, port });
    this.store.sessions.addEvent({ sessionId: session.id, at: this.clock, event, user, detail });
    return true;
  }

  /** SERVER REBOOT: who asked, in order; `rebootable` false acts as a daemon nothing would restart. */
  readonly reboots: string[] = [];
  rebootable = true;

  reboot(by: string, options: { readonly checkOnly?: boolean } = {}): { ok: true } | { ok: false; reason: string } {
    if (!this.rebootable) return { ok: false, reason: 'this daemon was not started by ccmd serve, so nothing would start it again' };
    if (options.checkOnly !== true) this.reboots.push(by);
    return { ok: true };
  }

  serverSettingsChanged(): void { this.serverChanges++; }
  portSettingsChanged(n: number): void { this.portChanges.push(n); }

  audit(entry: AuditEntry): void {
    this.audits.push({ user: entry.user, action: entry.action, detail: entry.detail ?? '' });
    this.store.audit.record(entry);
  }

  /** A user logged in at the CLI (and on `port` when given, granted by the real broker). */
  login(user: string, port: number | null = null): FakeLogin {
    const login = new FakeLogin(user, port, TEST_CLIENT, this.clock, this.store.users.get(user)?.access ?? NO_ACCESS);
    this.loginList.push(login);
    if (port !== null) {
      const level = levelOf(this.store.users.get(user)?.access ?? parseAccess(''));
      this.dispatch({ type: 'connect', requester: { connectionId: this.nextConnection++, user, level }, port, exclusive: false, mode: 'rw' });
    }
    return login;
  }

  /** Adds a user straight through the store (password `pw-<name>`). */
  async addUser(name: string, access: string, groups: string[] = []): Promise<void> {
    const written = await this.store.users.add(name, { password: `pw-${name}`, access: parseAccess(access), groups }, this.clock);
    if (!written.ok) throw new Error(written.message);
  }

  close(): void {
    this.store.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function parseAccess(text: string) {
  const parsed = parseAccessList(text, TEST_PROFILE.ports);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** Password of the seeded `Admin`. */
export const ADMIN_TEST_PASSWORD = 'pw-Admin';

let template: Promise<string> | null = null;

/** A closed database holding only `Admin`, made once per test file: scrypt is slow on purpose. */
function seededTemplate(): Promise<string> {
  template ??= (async () => {
    const seed = new FakeApp(TEST_PROFILE, mkdtempSync(join(tmpdir(), 'ccmd-cli-template-')));
    await seed.addUser('Admin', 'PALL,USER,SCON,SMON,PCON,BREAK');
    seed.store.close();
    process.once('exit', () => rmSync(seed.dataDir, { recursive: true, force: true }));
    return seed.dataDir;
  })();
  return template;
}

/** Opens a fresh store (a copy of the seeded database) with `Admin` (APPLIANCEADMIN) in it. */
export async function fakeApp(profile: Profile = TEST_PROFILE): Promise<FakeApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ccmd-cli-'));
  cpSync(await seededTemplate(), dir, { recursive: true });
  return new FakeApp(profile, dir);
}

export interface RecordedSession extends SessionControl {
  readonly histories: { port: number; history: Buffer }[];
  /** The questions `ask` was given, in order. */
  readonly questions: string[];
  /** The answers `ask` gives, in order (none left: N). */
  readonly answers: boolean[];
  /** The prompts `askSecret` was given, in order. */
  readonly secretPrompts: string[];
  /** The lines `askSecret` reads, in order (none left: null, as a cancel). */
  readonly secrets: (string | null)[];
}

function recordedSession(): RecordedSession {
  const histories: { port: number; history: Buffer }[] = [];
  const questions: string[] = [];
  const answers: boolean[] = [];
  const secretPrompts: string[] = [];
  const secrets: (string | null)[] = [];
  return {
    port: null, histories, questions, answers, secretPrompts, secrets,
    ask: (question) => {
      questions.push(question);
      return Promise.resolve(answers.shift() ?? false);
    },
    askSecret: (prompt) => {
      secretPrompts.push(prompt);
      return Promise.resolve(secrets.shift() ?? null);
    },
    connect: () => undefined, resume: () => false, disconnect: () => false, quit: () => undefined,
    viewHistory: (port, history) => { histories.push({ port, history }); },
  };
}

export interface TestContext extends CommandContext {
  readonly out: string[];
  readonly json: unknown[];
  readonly session: RecordedSession | null;
}

/** The context of `user`'s login: rights and level read live from the store, as the runtime does. */
export function contextFor(app: FakeApp, user: string, options: { interactive?: boolean } = {}): TestContext {
  const out: string[] = [];
  const json: unknown[] = [];
  const access = () => app.store.users.get(user)?.access ?? parseAccess('');
  const interactive = options.interactive !== false;
  return {
    user, client: TEST_CLIENT, services: app.services, out, json,
    // A login keeps the rights it began with for SHOW USER (issue 12); a one-shot line has none.
    ...(interactive ? { accessAtLogin: access() } : {}),
    get level(): Level { return levelOf(access()); },
    session: interactive ? recordedSession() : null,
    hasRight: (right: Right) => hasRight(access(), right),
    print: (line) => { out.push(line); },
    data: (value) => { json.push(value); },
  };
}

/** Runs a line as `ctx`; returns what was printed, error lines included. */
export async function run(registry: CommandRegistry<CommandContext>, ctx: TestContext, line: string): Promise<string[]> {
  const before = ctx.out.length;
  const result = await registry.execute(ctx, line);
  const printed = ctx.out.slice(before);
  return result.ok ? printed : [...printed, ...result.lines];
}

export function registryOf(commands: readonly CommandDeclaration<CommandContext>[]): CommandRegistry<CommandContext> {
  return new CommandRegistry(commands);
}

/**
 * The three SPEC §9 error lines for `line` with `token` (its first occurrence) underlined; the
 * line as the CLI echoes it, PASSWORD= values as stars (written out here, not with the product's
 * own masking, so the tests check it).
 */
export function errorLines(line: string, token: string, text: string): string[] {
  const at = line.indexOf(token);
  if (at < 0) throw new Error(`${token} not in ${line}`);
  const echoed = line.replace(/\b(pas\w*=)("[^"]*"|\S*)/gi, (_m, key: string, value: string) => key + '*'.repeat(value.length));
  return [echoed, ' '.repeat(at) + '-'.repeat(token.length), text];
}
