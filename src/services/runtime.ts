/**
 * What the services need from the running appliance: the store, the broker, the ports and the
 * logins. The daemon implements it once (`runtime/daemon-services.ts`); unit tests implement it
 * over a real store (test/support/fake-app.ts). Callers of the services never see it.
 */
import type { BrokerCommand, BrokerOutcome, BrokerState } from '../domain/broker/types.js';
import type { Notice } from '../domain/notices.js';
import type { Profile } from '../domain/profile.js';
import type { AccessList } from '../domain/rights.js';
import type { AuditEntry } from '../store/audit-repository.js';
import type { PortSettings } from '../store/port-settings-repository.js';
import type { Store } from '../store/store.js';
import type { ClientInfo } from '../transports/terminal.js';
import type { ModemLinesResult } from '../transports/serial/device.js';
import type { OutletAnswer, OutletRequest } from '../protocol/outlet-protocol.js';
import type { SessionEventKind } from '../domain/broker/types.js';
import type { RemoteLockouts } from '../auth/remote-lockouts.js';

/** A logged-in operator as the services see them (USER LOGOUT, SHOW USER, SESSION END). */
export interface LoginView {
  readonly user: string;
  readonly client: ClientInfo;
  readonly port: number | null;
  /** When the login began (clock ms): SHOW USER's `Duration` (issue 12 item 6). */
  readonly since: number;
  /**
   * The rights the user held when they logged in. Checks always use the rights held now; only
   * `SHOW USER` without a name shows these, as the manual's does (issue 12 item 6).
   */
  readonly accessAtLogin: AccessList;
  /** Tells them and ends the login. */
  endLogin(notice: Notice): void;
}

/** A port's device as SHOW and the session list report it. */
export interface PortStatusView {
  readonly state: 'open' | 'lost' | 'reopening' | 'closed';
  readonly device: string;
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly droppedBytes: number;
  /** Device errors: losses and failed opens (port-runtime.ts). */
  readonly errors: number;
  /** Clock time of the next reopen attempt while lost. */
  readonly nextRetryAt: number | null;
}

/** A port as the services see it: live status and actions on the open device. */
export interface PortControl {
  readonly number: number;
  status(): PortStatusView;
  /** Applies serial settings live; what the device refused comes back as text. */
  applySerial(settings: PortSettings): Promise<{ refused: string[] }>;
  sendBreak(ms: number): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** CTS, DSR, DCD now (POWER=, issue 12); a pty: `{ ok: false, reason: 'not supported by this device' }`. */
  modemLines(): Promise<ModemLinesResult>;
  /** One outlet-protocol request to a power strip on this port (SPC, issue 12); never rejects. */
  outletRequest(request: OutletRequest): Promise<OutletAnswer>;
  history(): Buffer;
  clearHistory(): void;
}

/**
 * Reads are of the state now; writes go through the store (whose refusals come back as data)
 * and the broker (`dispatch`). Only a programming error throws: `port(n)` outside 1..ports.
 */
export interface ApplianceRuntime {
  readonly profile: Profile;
  readonly store: Store;
  /** Issue 15: lockout of names known only to a remote server (SHOW USER, USER UNLOCK). */
  readonly remoteLockouts: RemoteLockouts;
  /** When this run of the daemon started (clock ms): uptime (SHOW SERVER, SHOW USER). */
  readonly startedAt: number;
  now(): number;
  broker(): BrokerState;
  /** Feeds the broker; 'queued' when called while its effects are being carried out. */
  dispatch(command: BrokerCommand): BrokerOutcome | 'queued';
  /** Sends a serial break on port n for `user` and records it in the port's session history. */
  breakPort(port: number, user: string): Promise<{ ok: true } | { ok: false; reason: string }>;
  port(n: number): PortControl;
  /** Current settings of port n (database row, else config, else defaults). */
  portSettings(n: number): PortSettings;
  /** Issue 12 item 10: port n's name as shown: NAME= if set, else the default `xx-xx-xx-Pn`. */
  portName(n: number): string;
  /** The appliance's MAC address (`aa:bb:cc:dd:ee:ff`), whose last octets make the default names. */
  readonly mac: string;
  /** A port by number or name (a default name too); null when there is none. */
  resolvePort(ref: string): number | null;
  logins(): Iterable<LoginView>;
  /** Re-reads server settings into the running parts (share mode, time-outs, access char). */
  serverSettingsChanged(): void;
  /** Re-reads port n's settings into the running parts (share mode, name, access char). */
  portSettingsChanged(n: number): void;
  /**
   * PORT n SET SOCKET= (issue 12): port n's Telnet socket moves to `socket` (null: base + n) now,
   * before the setting is saved; a clash with another listener or a failed bind is refused.
   * Absent where there are no listeners (unit tests).
   */
  movePortSocket?(n: number, socket: number | null): Promise<{ ok: true } | { ok: false; reason: string }>;
  /**
   * Adds an event to the history of the session running on `port` (SPEC §5); false when none
   * runs. For events the broker does not see (issue 12: `power`).
   */
  recordSessionEvent(port: number, event: SessionEventKind, user: string, detail: string): boolean;
  /**
   * SERVER REBOOT (issue 12): restarts the daemon process (users told, state kept). Absent, or
   * refusing with a reason, where nothing would start it again (unit tests, in-process daemons).
   */
  reboot?(by: string, options?: { readonly checkOnly?: boolean }): { ok: true } | { ok: false; reason: string };
  /** Writes one audit record; a failing write is logged, never thrown (SPEC issue 5). */
  audit(entry: AuditEntry): void;
}
