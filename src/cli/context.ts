/**
 * What every appliance command sees (`run(ctx, args)`): who is asking, from where, the login's
 * own session controls, and the appliance's services. The runtime implements these; commands
 * never touch sockets.
 */
import type { BrokerCommand, BrokerOutcome, BrokerState } from '../domain/broker/types.js';
import type { Level } from '../domain/levels.js';
import type { Notice } from '../domain/notices.js';
import type { Profile } from '../domain/profile.js';
import type { Store } from '../store/store.js';
import type { RemoteLockouts } from '../auth/remote-lockouts.js';
import type { PortSettings } from '../store/port-settings-repository.js';
import type { ClientInfo } from '../transports/terminal.js';
import type { CliContext } from './command.js';

/** The issuing login's own port controls. Absent for one-shot `ccmd exec` lines. */
export interface SessionControl {
  readonly port: number | null;
  /** CONNECT / LISTEN: rights, device and the broker decide; notices tell the user. */
  connect(port: number, exclusive: boolean, mode: 'rw' | 'listen'): void;
  /** RESUME: false when there is no port to go back to. */
  resume(): boolean;
  /** DISCONNECT: false when not connected. */
  disconnect(): boolean;
  quit(): void;
  /** PORT n HISTORY: hands the terminal to the history viewer until it quits. */
  viewHistory(port: number, history: Buffer, clear: (() => void) | null): void;
}

/** A logged-in operator as other commands see them (USER LOGOUT, SHOW USER, SESSION END). */
export interface LoginView {
  readonly user: string;
  readonly client: ClientInfo;
  readonly port: number | null;
  /** Tells them and ends the login. */
  endLogin(notice: Notice): void;
}

/** A port as commands see it: live status and actions on the open device. */
export interface PortControl {
  readonly number: number;
  status(): PortStatusView;
  /** Applies serial settings live; what the device refused comes back as text. */
  applySerial(settings: PortSettings): Promise<{ refused: string[] }>;
  sendBreak(ms: number): Promise<{ ok: true } | { ok: false; reason: string }>;
  history(): Buffer;
  clearHistory(): void;
}

/** A port's device as SHOW and the session list report it. */
export interface PortStatusView {
  readonly state: 'open' | 'lost' | 'reopening' | 'closed';
  readonly device: string;
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly droppedBytes: number;
  /** Clock time of the next reopen attempt while lost. */
  readonly nextRetryAt: number | null;
}

/**
 * The appliance as commands see it; the daemon implements it once (`DaemonServices`), command
 * tests over a real store (test/support/fake-app.ts). Reads are of the state now; writes go
 * through the store (whose refusals come back as data) and the broker (`dispatch`). Only a
 * programming error throws: `port(n)` outside 1..ports.
 */
export interface AppServices {
  readonly profile: Profile;
  readonly store: Store;
  /** Issue 15: lockout of names known only to a remote server (SHOW USER, USER UNLOCK). */
  readonly remoteLockouts: RemoteLockouts;
  now(): number;
  broker(): BrokerState;
  /** Feeds the broker; 'queued' when called while its effects are being carried out. */
  dispatch(command: BrokerCommand): BrokerOutcome | 'queued';
  /** Sends a serial break on port n for `user` and records it in the port's session history. */
  breakPort(port: number, user: string): Promise<{ ok: true } | { ok: false; reason: string }>;
  port(n: number): PortControl;
  /** Current settings of port n (database row, else config, else defaults). */
  portSettings(n: number): PortSettings;
  /** A port by number or name; null when there is none. */
  resolvePort(ref: string): number | null;
  logins(): Iterable<LoginView>;
  /** Re-reads server settings into the running parts (share mode, time-outs, access char). */
  serverSettingsChanged(): void;
  /** Re-reads port n's settings into the running parts (share mode, name, access char). */
  portSettingsChanged(n: number): void;
  /** SPEC issue 5: every change is audited (who, when, what, from where). */
  audit(ctx: CommandContext, action: string, detail: string): void;
}

/** One command line's world: who typed it, from where, their own session, and the appliance. */
export interface CommandContext extends CliContext {
  readonly user: string;
  readonly level: Level;
  readonly client: ClientInfo;
  readonly session: SessionControl | null;
  readonly app: AppServices;
  /** Structured result for `--json` (SHOW commands). */
  data(value: unknown): void;
}
