/**
 * What every simulated device shares (SPEC §8's console device, issue 12's power strip): the
 * SerialDevice contract's open/close life cycle on a later turn, settings stored but not
 * enforced, break as a no-op, modem lines read high while open (the device is powered), and
 * `unplug()` / `plugIn()` to make it come and go like a USB adapter, for tests and demos of
 * SPEC §7 device lost / back. A subclass says what it answers to the bytes written while open
 * (`received`) and, if it cares, what a DTR change does (`dtrChanged`).
 */
import { EventEmitter } from 'node:events';
import type { SerialSettings } from '../../config/schema.js';
import {
  SETTING_NAMES, type ApplyResult, type BreakResult, type ControlResult, type ModemLinesResult, type SerialDevice,
} from './device.js';

const NOT_OPEN = { ok: false, reason: 'device not open' } as const;

export abstract class SimulatedSerialDevice extends EventEmitter implements SerialDevice {
  private open_ = false;
  private present = true;
  private current: SerialSettings;

  constructor(readonly path: string, settings: SerialSettings) {
    super();
    this.current = { ...settings };
  }

  get isOpen(): boolean {
    return this.open_;
  }

  get settings(): SerialSettings {
    return this.current;
  }

  /** Bytes written while open (never empty); any answer goes out through `emitLater`. */
  protected abstract received(data: Buffer): void;

  /** DTR was set while open (it is high at open). */
  protected dtrChanged(_on: boolean): void {}

  /** Called as the device opens (reset line state). */
  protected opened(): void {}

  /** Called as `close()` closes it (not on unplug). */
  protected closing(): void {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => setImmediate(() => {
      if (this.open_) reject(new Error(`${this.path} is already open`));
      else if (!this.present) reject(new Error(`${this.path}: no such device (unplugged)`));
      else {
        this.open_ = true;
        this.opened();
        resolve();
      }
    }));
  }

  close(): Promise<void> {
    return new Promise((resolve) => setImmediate(() => {
      if (this.open_) this.closing();
      this.end(false);
      resolve();
    }));
  }

  write(data: Buffer): void {
    if (this.open_ && data.length > 0) this.received(data);
  }

  apply(settings: SerialSettings): Promise<ApplyResult> {
    this.current = { ...settings };
    return Promise.resolve({ requested: this.current, refused: [], unenforced: SETTING_NAMES, deferred: !this.open_ });
  }

  sendBreak(_ms: number): Promise<BreakResult> {
    return Promise.resolve(this.open_ ? { ok: true } : NOT_OPEN);
  }

  modemLines(): Promise<ModemLinesResult> {
    return Promise.resolve(this.open_ ? { ok: true, lines: { cts: true, dsr: true, dcd: true } } : NOT_OPEN);
  }

  setDtr(on: boolean): Promise<ControlResult> {
    if (!this.open_) return Promise.resolve(NOT_OPEN);
    this.dtrChanged(on);
    return Promise.resolve({ ok: true });
  }

  /** The device disappears: an open device closes with `lost`, and `open()` fails until `plugIn()`. */
  unplug(): void {
    this.present = false;
    setImmediate(() => this.end(true));
  }

  plugIn(): void {
    this.present = true;
  }

  /** Output on a later turn, as a real device's, and only while still open. */
  protected emitLater(bytes: Buffer): void {
    setImmediate(() => {
      if (this.open_) this.emit('data', bytes);
    });
  }

  private end(lost: boolean): void {
    if (!this.open_) return;
    this.open_ = false;
    this.emit('close', lost);
  }
}
