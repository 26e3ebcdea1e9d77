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
 * - Modem lines (issue 12): the device is powered, so CTS, DSR and DCD read high while it is open.
 *   DTR starts high; dropping it hangs the device up like a modem-controlled getty, and when DTR
 *   comes back it answers `device<n> hung up (DTR dropped)` and a fresh prompt (TOGGLE=DTR).
 * It is asynchronous like a real device: output arrives on a later turn (setImmediate).
 *
 * `unplug()` and `plugIn()` make it come and go like a USB adapter, for tests and demos of
 * SPEC §7 device lost / back without socat.
 */
import type { SerialSettings } from '../../config/schema.js';
import { DEFAULT_SERIAL_SETTINGS } from './device.js';
import { SimulatedSerialDevice } from './simulated-base.js';

const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;

export class SimulatedDevice extends SimulatedSerialDevice {
  /** The previous byte written was a CR (its LF/NUL partner may come in the next write). */
  private afterCr = false;
  private dtr = true;
  private readonly prompt: Buffer;
  private readonly hangup: Buffer;

  constructor(readonly portNumber: number, settings: SerialSettings = DEFAULT_SERIAL_SETTINGS) {
    super(`simulated:${portNumber}`, settings);
    this.prompt = Buffer.from(`\r\ndevice${portNumber}$ `);
    this.hangup = Buffer.from(`\r\ndevice${portNumber} hung up (DTR dropped)\r\ndevice${portNumber}$ `);
  }

  protected override opened(): void {
    this.afterCr = false;
    this.dtr = true;
  }

  protected received(data: Buffer): void {
    const reply = this.answer(data);
    if (reply.length > 0) this.emitLater(reply);
  }

  protected override dtrChanged(on: boolean): void {
    const back = on && !this.dtr;
    this.dtr = on;
    if (back) this.emitLater(Buffer.from(this.hangup));
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
