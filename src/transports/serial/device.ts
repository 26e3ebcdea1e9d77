/**
 * The serial device behind one port (STYLE, after node-serialport: a narrow device interface
 * whose doc comment states its error contract). Implementations: `SerialportDevice` (a real tty
 * or a socat pty) and `SimulatedDevice` (SPEC §8's built-in device).
 */
import type { SerialSettings } from '../../config/schema.js';

export type SettingName = keyof SerialSettings;

export const SETTING_NAMES: readonly SettingName[] = ['baud', 'dataBits', 'parity', 'stopBits', 'flow'];

/** The line settings a port starts with when nothing else is configured (schema defaults). */
export const DEFAULT_SERIAL_SETTINGS: SerialSettings = {
  baud: 9600, dataBits: 8, parity: 'NONE', stopBits: 1, flow: 'NONE',
};

/** One setting the device would not take; its previous value stays in force. */
export interface SettingRefusal {
  readonly setting: SettingName;
  readonly reason: string;
}

/** What `apply` did. Never an exception: a refused setting is data for the admin to read. */
export interface ApplyResult {
  readonly requested: SerialSettings;
  readonly refused: readonly SettingRefusal[];
  /**
   * Accepted but without effect on this kind of device: a pseudo-terminal or the simulated
   * device has no line, so baud, framing and flow control are stored but not enforced.
   */
  readonly unenforced: readonly SettingName[];
  /** The device was not open: the settings are kept and used when it next opens. */
  readonly deferred: boolean;
}

/**
 * Text of the refusal when the device has no break or no modem-control lines (a pty answers
 * those ioctls with ENOTTY). PORT n BREAK, POWER=, TOGGLE= and SHOW PORT's power status all
 * say it (issue 12).
 */
export const NOT_SUPPORTED = 'not supported by this device';
export const BREAK_NOT_SUPPORTED = NOT_SUPPORTED;

/** What a control action (break, DTR) did: nothing is thrown. */
export type BreakResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };
export type ControlResult = BreakResult;

/** The inbound modem-control lines as the device reports them (serialport's `get()`). */
export interface ModemLines {
  readonly cts: boolean;
  readonly dsr: boolean;
  readonly dcd: boolean;
}

export type ModemLinesResult = { readonly ok: true; readonly lines: ModemLines } | { readonly ok: false; readonly reason: string };

export interface SerialDeviceEvents {
  /**
   * Bytes read from the device. The chunk is handed over: the device never writes into it again,
   * so listeners may keep it by reference (queues, history).
   */
  data: (chunk: Buffer) => void;
  /**
   * The device closed. `lost` is true when it went away by itself (USB unplugged, socat died,
   * a read or write failed) and false after `close()`. Emitted once per successful `open()`.
   */
  close: (lost: boolean) => void;
}

/**
 * Contract:
 * - `open()` rejects when the device is missing or cannot be opened (and then emits nothing);
 *   it may be called again on the same object after a rejection or a `close` event.
 * - `close()` resolves once closed and never rejects; closing a closed device does nothing.
 * - `write()` never throws; bytes written while the device is not open are dropped. A failed
 *   write is reported as a loss (`close` with `lost` true), not as an exception.
 * - `apply()` never throws or rejects: it reports what was requested and what was refused, and
 *   stores the settings for the next open when the device is closed. It may close and re-open
 *   the device internally (framing can only be set at open); that is not reported as a loss.
 * - `sendBreak(ms)` never rejects; without break support it resolves
 *   `{ ok: false, reason: NOT_SUPPORTED }`.
 * - `modemLines()` and `setDtr(on)` never reject; a device without modem-control lines (a pty)
 *   resolves `{ ok: false, reason: NOT_SUPPORTED }`, a closed one `{ ok: false, reason: 'device not open' }`.
 * - No `error` events: every failure is a rejected `open()`, a result, or a `close(true)`.
 */
export interface SerialDevice {
  /** What it is, for status output: the device path, or `simulated:<n>`. */
  readonly path: string;
  readonly isOpen: boolean;
  /** The settings last given to `apply` (or at construction). */
  readonly settings: SerialSettings;
  open(): Promise<void>;
  close(): Promise<void>;
  write(data: Buffer): void;
  apply(settings: SerialSettings): Promise<ApplyResult>;
  sendBreak(ms: number): Promise<BreakResult>;
  /** Reads CTS, DSR and DCD (the POWER= status line, issue 12). */
  modemLines(): Promise<ModemLinesResult>;
  /** Raises or drops DTR (TOGGLE=DTR, issue 12). */
  setDtr(on: boolean): Promise<ControlResult>;
  on<E extends keyof SerialDeviceEvents>(event: E, listener: SerialDeviceEvents[E]): this;
  off<E extends keyof SerialDeviceEvents>(event: E, listener: SerialDeviceEvents[E]): this;
}

/** Names of the settings whose values differ between `a` and `b`. */
export function changedSettings(a: SerialSettings, b: SerialSettings): SettingName[] {
  return SETTING_NAMES.filter((name) => a[name] !== b[name]);
}
