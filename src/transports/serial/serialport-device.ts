/**
 * A real serial device (a tty such as /dev/ttyUSB0, or a socat pty) through the `serialport`
 * package. Implements the SerialDevice contract (device.ts): nothing here throws or emits
 * `error`; failures become a rejected `open()`, a refusal in an ApplyResult, or `close(true)`.
 *
 * Observed on a socat pty (Linux): every baud rate and framing is accepted but not enforced;
 * break and the modem lines (DTR/RTS) fail with ENOTTY; when socat dies the read fails and the
 * port closes; a new SerialPort on the same path works once socat is back.
 *
 * Throughput ceiling (scripts/measure-pty.mjs, 2 cores): on an idle machine ~26 MB/s through
 * serialport against ~52 MB/s with plain Node tty streams on the same pty pair; with the machine
 * loaded every path measured 25-56 MB/s, noise-dominated. The limit is not the read pool
 * (`highWaterMark` 1 MiB gave 27 MB/s idle): the pty line discipline hands out at most 4095 bytes
 * per read(2), and serialport does each read as one libuv thread-pool round trip, re-armed through
 * its poller on EAGAIN. So when the device is a tty, data goes through `TtyDataPath`
 * (tty-data-path.ts): a libuv tty stream on a second descriptor, opened before serialport takes
 * its TIOCEXCL lock; serialport keeps the settings, break, the lock, and any write the
 * descriptor cannot take at once. `npm run bench` (issue 7) measured, on the loaded 2-core
 * machine: one port flooding to 4 Telnet readers 22 → 37-55 MB/s each, keystroke echo through
 * Telnet p50 491 → 177-245 µs.
 */
import { EventEmitter } from 'node:events';
import { realpath } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { SerialPort } from 'serialport';
import type { SerialSettings } from '../../config/schema.js';
import type { Clock } from '../../runtime/clock.js';
import { TtyDataPath } from './tty-data-path.js';
import {
  NOT_SUPPORTED, DEFAULT_SERIAL_SETTINGS, SETTING_NAMES, changedSettings,
  type ApplyResult, type BreakResult, type ControlResult, type ModemLinesResult, type SerialDevice, type SettingName,
} from './device.js';

export interface SerialportDeviceOptions {
  /** Read pool per read (serialport's highWaterMark). Default 64 KiB; see the note above. */
  readonly readPoolBytes?: number;
  /**
   * Read, and write what fits at once, through a tty stream of our own beside serialport
   * (tty-data-path.ts; about twice the throughput on a pty). Default true; serialport reads
   * when false or when the device is not a tty.
   */
  readonly ttyDataPath?: boolean;
  /** Time for the fast path's hold timer (tty-data-path.ts); default the real clock. */
  readonly clock?: Clock;
}

/** The fast path of one opened SerialPort, and its serialport writes still in flight. */
interface DataPath {
  readonly direct: TtyDataPath | null;
  /** While serialport still has writes queued, later ones queue behind them (order). */
  queuedWrites: number;
}

export class SerialportDevice extends EventEmitter implements SerialDevice {
  private port: SerialPort | null = null;
  private current: SerialSettings;
  private closing = false;
  private isPty = false;
  /** Serialises `apply` calls: a re-open must finish before the next change starts. */
  private applying: Promise<unknown> = Promise.resolve();
  private readonly readPoolBytes: number;
  private readonly useTtyDataPath: boolean;
  private readonly clock: Clock | undefined;
  private readonly dataPaths = new WeakMap<SerialPort, DataPath>();
  private readonly forwardData = (chunk: Buffer): void => {
    this.emit('data', chunk);
  };

  constructor(readonly path: string, settings: SerialSettings = DEFAULT_SERIAL_SETTINGS,
    options: SerialportDeviceOptions = {}) {
    super();
    this.current = { ...settings };
    this.readPoolBytes = options.readPoolBytes ?? 64 * 1024;
    this.useTtyDataPath = options.ttyDataPath ?? true;
    this.clock = options.clock;
  }

  get isOpen(): boolean {
    return this.port !== null;
  }

  get settings(): SerialSettings {
    return this.current;
  }

  async open(): Promise<void> {
    if (this.port) throw new Error(`${this.path} is already open`);
    this.isPty = await isPseudoTerminal(this.path);
    this.adopt(await this.openPort(this.current));
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.closing = true;
    await closePort(port);
    this.portEnded(port);
    this.closing = false;
  }

  write(data: Buffer): void {
    const port = this.port;
    if (!port) return;
    const path = this.dataPaths.get(port);
    let rest = data;
    if (path?.direct && path.queuedWrites === 0) {
      const written = path.direct.tryWrite(rest);
      if (written === rest.length) return;
      rest = rest.subarray(written);
    }
    path?.direct?.inputSent();
    if (path) path.queuedWrites++;
    port.write(rest, () => { if (path) path.queuedWrites--; });
  }

  apply(settings: SerialSettings): Promise<ApplyResult> {
    const next = this.applying.then(() => this.applyNow({ ...settings }));
    this.applying = next;
    return next;
  }

  async sendBreak(ms: number): Promise<BreakResult> {
    const port = this.port;
    if (!port) return { ok: false, reason: 'device not open' };
    const failure = await setFlags(port, { brk: true });
    if (failure) return { ok: false, reason: controlFailure(failure) };
    await sleep(ms);
    await setFlags(port, { brk: false });
    return { ok: true };
  }

  /** serialport's `get()` (TIOCMGET); a pty answers ENOTTY: "not supported by this device". */
  async modemLines(): Promise<ModemLinesResult> {
    const port = this.port;
    if (!port) return { ok: false, reason: 'device not open' };
    const read = await getFlags(port);
    if (read instanceof Error) return { ok: false, reason: controlFailure(read) };
    return { ok: true, lines: { cts: read.cts, dsr: read.dsr, dcd: read.dcd } };
  }

  /** serialport's `set({ dtr })` (TIOCMSET), as PORT BREAK's `set({ brk })`. */
  async setDtr(on: boolean): Promise<ControlResult> {
    const port = this.port;
    if (!port) return { ok: false, reason: 'device not open' };
    const failure = await setFlags(port, { dtr: on });
    return failure ? { ok: false, reason: controlFailure(failure) } : { ok: true };
  }

  private async applyNow(requested: SerialSettings): Promise<ApplyResult> {
    const changed = changedSettings(this.current, requested);
    const port = this.port;
    if (!port) {
      this.current = requested;
      return this.result(requested, [], true);
    }
    if (changed.length === 0) return this.result(requested, [], false);
    if (changed.every((name) => name === 'baud')) {
      const failure = await updateBaud(port, requested.baud);
      if (failure) return this.result(requested, [{ setting: 'baud', reason: failure.message }], false);
      this.current = requested;
      return this.result(requested, [], false);
    }
    return this.reopen(port, requested, changed);
  }

  /**
   * Framing and flow control can only be set at open, so the port is closed and opened again
   * with the new settings; if the device will not open with them, it is opened again with the
   * old ones and the change is reported as refused. Bytes written in those few milliseconds
   * are dropped. `hupcl` is off, so the re-open does not hang up the device.
   */
  private async reopen(old: SerialPort, requested: SerialSettings, changed: SettingName[]): Promise<ApplyResult> {
    this.port = null;
    old.off('data', this.forwardData);
    this.dataPaths.get(old)?.direct?.close();
    await closePort(old);
    const fresh = await this.openPort(requested).catch((err: Error) => err);
    if (fresh instanceof SerialPort) {
      this.current = requested;
      this.adopt(fresh);
      return this.result(requested, [], false);
    }
    const refused = changed.map((setting) => ({ setting, reason: fresh.message }));
    const back = await this.openPort(this.current).catch(() => null);
    if (back) this.adopt(back);
    else this.emit('close', true);
    return this.result(requested, refused, false);
  }

  private result(requested: SerialSettings, refused: ApplyResult['refused'], deferred: boolean): ApplyResult {
    return { requested, refused, unenforced: this.isPty ? SETTING_NAMES : [], deferred };
  }

  private openPort(s: SerialSettings): Promise<SerialPort> {
    // Before serialport's open: its TIOCEXCL lock refuses any later open of the device.
    let port: SerialPort | null = null;
    const direct = this.useTtyDataPath ? TtyDataPath.open(this.path, {
      onData: (chunk) => { if (port !== null && this.port === port) this.emit('data', chunk); },
      onLost: () => { if (port !== null) this.portEnded(port); },
    }, { clock: this.clock }) : null;
    return new Promise((resolve, reject) => {
      port = new SerialPort({
        path: this.path, autoOpen: false, highWaterMark: this.readPoolBytes, hupcl: false,
        baudRate: s.baud, dataBits: s.dataBits, stopBits: s.stopBits,
        parity: s.parity === 'NONE' ? 'none' : s.parity === 'EVEN' ? 'even' : 'odd',
        rtscts: s.flow === 'RTSCTS', xon: s.flow === 'XONXOF', xoff: s.flow === 'XONXOF',
      });
      const opened = port;
      this.dataPaths.set(opened, { direct, queuedWrites: 0 });
      opened.open((err) => {
        if (!err) return resolve(opened);
        direct?.close();
        reject(err);
      });
    });
  }

  private adopt(port: SerialPort): void {
    this.port = port;
    if (!this.dataPaths.get(port)?.direct) port.on('data', this.forwardData);
    // A read failure closes the port; a write failure may also destroy the stream with `error`.
    // The listeners stay on a discarded port so its late errors are swallowed, not thrown.
    port.on('close', () => this.portEnded(port));
    port.on('error', () => this.portEnded(port));
  }

  private portEnded(port: SerialPort): void {
    if (this.port !== port) return;
    this.port = null;
    port.off('data', this.forwardData);
    this.dataPaths.get(port)?.direct?.close();
    if (port.isOpen) void closePort(port);
    this.emit('close', !this.closing);
  }
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => port.close(() => resolve()));
}

function updateBaud(port: SerialPort, baudRate: number): Promise<Error | null> {
  return new Promise((resolve) => port.update({ baudRate }, (err) => resolve(err ?? null)));
}

function setFlags(port: SerialPort, flags: { brk: boolean } | { dtr: boolean }): Promise<Error | null> {
  return new Promise((resolve) => port.set(flags, (err) => resolve(err ?? null)));
}

function getFlags(port: SerialPort): Promise<{ cts: boolean; dsr: boolean; dcd: boolean } | Error> {
  return new Promise((resolve) => port.get((err, status) => resolve(err ?? status ?? new Error('no modem status'))));
}

function isNotTty(err: Error & { code?: string }): boolean {
  return err.code === 'ENOTTY' || /inappropriate ioctl/i.test(err.message);
}

/** A failed break or modem-line ioctl as the operator reads it. */
function controlFailure(err: Error): string {
  return isNotTty(err) ? NOT_SUPPORTED : err.message;
}

/** A pseudo-terminal has no line: framing and baud are stored but not enforced. */
async function isPseudoTerminal(path: string): Promise<boolean> {
  const target = await realpath(path).catch(() => path);
  return target.startsWith('/dev/pts/') || target === '/dev/ptmx' || /^\/dev\/ttys\d/.test(target);
}
