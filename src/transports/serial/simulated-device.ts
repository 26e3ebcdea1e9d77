/**
 * The built-in simulated device of SPEC §8: what a port gets when no device is configured, so
 * `ccmd serve` works on a bare machine. It echoes every byte it receives and answers a carriage
 * return with CR LF and the prompt `device<n>$ `.
 *
 * Decisions where SPEC §8 is silent:
 * - The CR itself is not echoed; the answer `\r\ndevice<n>$ ` takes its place, so typing `ls`
 *   Enter shows `ls` and a fresh prompt on the next line, as a shell would.
 * - An LF or NUL right after a CR is swallowed: Telnet ends lines with CR LF or CR NUL, and one
 *   Enter should give one prompt.
 * - Break is accepted as a no-op success (the device has no line to hold low), so `PORT n BREAK`
 *   and its session-history event can be exercised without hardware.
 * - Settings are accepted and stored, none enforced.
 * It is asynchronous like a real device: output arrives on a later turn (setImmediate).
 *
 * `unplug()` and `plugIn()` make it come and go like a USB adapter, for tests and demos of
 * SPEC §7 device lost / back without socat.
 */
import { EventEmitter } from 'node:events';
import type { SerialSettings } from '../../config/schema.js';
import {
  DEFAULT_SERIAL_SETTINGS, SETTING_NAMES, type ApplyResult, type BreakResult, type SerialDevice,
} from './device.js';

const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;

export class SimulatedDevice extends EventEmitter implements SerialDevice {
  readonly path: string;
  private open_ = false;
  private present = true;
  private current: SerialSettings;
  /** The previous byte written was a CR (its LF/NUL partner may come in the next write). */
  private afterCr = false;
  private readonly prompt: Buffer;

  constructor(readonly portNumber: number, settings: SerialSettings = DEFAULT_SERIAL_SETTINGS) {
    super();
    this.path = `simulated:${portNumber}`;
    this.current = { ...settings };
    this.prompt = Buffer.from(`\r\ndevice${portNumber}$ `);
  }

  get isOpen(): boolean {
    return this.open_;
  }

  get settings(): SerialSettings {
    return this.current;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => setImmediate(() => {
      if (this.open_) reject(new Error(`${this.path} is already open`));
      else if (!this.present) reject(new Error(`${this.path}: no such device (unplugged)`));
      else {
        this.open_ = true;
        this.afterCr = false;
        resolve();
      }
    }));
  }

  close(): Promise<void> {
    return new Promise((resolve) => setImmediate(() => {
      this.end(false);
      resolve();
    }));
  }

  write(data: Buffer): void {
    if (!this.open_ || data.length === 0) return;
    const reply = this.answer(data);
    if (reply.length === 0) return;
    setImmediate(() => {
      if (this.open_) this.emit('data', reply);
    });
  }

  apply(settings: SerialSettings): Promise<ApplyResult> {
    this.current = { ...settings };
    return Promise.resolve({ requested: this.current, refused: [], unenforced: SETTING_NAMES, deferred: !this.open_ });
  }

  sendBreak(_ms: number): Promise<BreakResult> {
    return Promise.resolve(this.open_ ? { ok: true } : { ok: false, reason: 'device not open' });
  }

  /** The device disappears: an open device closes with `lost`, and `open()` fails until `plugIn()`. */
  unplug(): void {
    this.present = false;
    setImmediate(() => this.end(true));
  }

  plugIn(): void {
    this.present = true;
  }

  private end(lost: boolean): void {
    if (!this.open_) return;
    this.open_ = false;
    this.emit('close', lost);
  }

  /** Echo with CR replaced by CR LF + prompt; one new Buffer per write, none per byte. */
  private answer(data: Buffer): Buffer {
    let crs = 0;
    for (let i = 0; i < data.length; i++) if (data[i] === CR) crs++;
    const out = Buffer.allocUnsafe(data.length + crs * (this.prompt.length - 1));
    let at = 0;
    for (let i = 0; i < data.length; i++) {
      const byte = data[i] as number;
      if (this.afterCr && (byte === LF || byte === NUL)) {
        this.afterCr = false;
        continue;
      }
      this.afterCr = byte === CR;
      if (byte === CR) at += this.prompt.copy(out, at);
      else out[at++] = byte;
    }
    return out.subarray(0, at);
  }
}
