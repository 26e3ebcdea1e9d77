/**
 * The fast data path beside `serialport` for a device that is a tty (a real serial port or a socat
 * pty), found by the benchmark (issue 7, `npm run bench`):
 * - Reads go through a libuv tty stream on a descriptor of our own: libuv reads up to 32 times per
 *   readiness event on the event loop, where serialport makes one thread-pool round trip per
 *   read(2), and a pty hands out at most 4095 bytes per read(2).
 * - Small writes go straight out with a non-blocking write(2) (a keystroke skips two thread-pool
 *   hops); what the descriptor cannot take at once is left to serialport's queued writer.
 * - Reads are joined before they are handed on, so that everything downstream (history, log,
 *   one socket write per connection) runs per joined chunk, not per read(2). Output that answers
 *   input (anything read after a write to the device: a keystroke's echo, a protocol's ACK) and
 *   the first output after STREAM_HOLD_MS of quiet go on at once, in the check phase of the same
 *   event-loop turn (setImmediate: microseconds). Output that keeps streaming without input goes
 *   on at most every STREAM_HOLD_MS, or at once when MAX_JOINED_BYTES are waiting.
 *   Measured (issue 7): under a flood the reads averaged 3.9 KB, one per event-loop turn; 48
 *   ports at 115,200 baud to 96 Telnet sessions spent most of their CPU in one socket write per
 *   read per session.
 * - Reads land in one read buffer shared by every port (net.Socket's `onread`): each read is
 *   copied out once, with no stream machinery per read(2) (issue 14: a flooding port is ~15,000
 *   reads a second, and the CCM4850 load 2,400).
 * serialport keeps the line settings, break and the exclusive lock. The descriptor must be opened
 * before serialport takes its TIOCEXCL lock (a second open is refused with EBUSY afterwards).
 */
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import type { OnReadOpts, SocketConstructorOpts } from 'node:net';
import { isatty, ReadStream } from 'node:tty';
import { realClock, type Clock, type Timer } from '../../runtime/clock.js';

/** Most bytes joined into one chunk. */
const MAX_JOINED_BYTES = 64 * 1024;
/**
 * Where libuv reads every port's bytes (one buffer for all: JavaScript runs one read callback at a
 * time and copies the bytes out before the next read). libuv's own read size.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);
/**
 * Unsolicited output streaming from the device goes on at most this often (decided: below what a
 * reader notices, and a terminal repaints at about this rate anyway).
 */
export const STREAM_HOLD_MS = 50;

export interface TtyDataPathOptions {
  /** How long streaming output is held; default STREAM_HOLD_MS. */
  readonly holdMs?: number;
  /** Time and the hold timer (STYLE: time is injected; tests drive the hold with a FakeClock). */
  readonly clock?: Clock;
}

export interface TtyDataPathEvents {
  /** A chunk read (a fresh Buffer, never written to again). */
  readonly onData: (chunk: Buffer) => void;
  /** The read side failed or ended (device gone). Called at most once, never after `close`. */
  readonly onLost: () => void;
}

export class TtyDataPath {
  private readonly stream: ReadStream;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private immediate: NodeJS.Immediate | null = null;
  private holdTimer: Timer | null = null;
  private lastHandOnAt = Number.NEGATIVE_INFINITY;
  /** Input went to the device since the last hand-on: what it says next answers it. */
  private answerDue = false;
  private readonly handOnNow = (): void => this.handOn();
  private closed = false;

  private constructor(
    private readonly fd: number,
    private readonly events: TtyDataPathEvents,
    private readonly holdMs: number,
    private readonly clock: Clock,
  ) {
    // tty.ReadStream passes its options to net.Socket, which takes `onread` (its types omit it).
    const onread: OnReadOpts = {
      buffer: READ_BUFFER,
      callback: (bytes: number, buffer: Uint8Array) => {
        if (bytes > 0) this.take(Buffer.from(buffer.subarray(0, bytes)));
        return true;
      },
    };
    this.stream = new ReadStream(fd, { onread } as SocketConstructorOpts);
    const lost = (): void => {
      if (this.closed) return;
      this.close();
      this.events.onLost();
    };
    this.stream.on('error', lost);
    this.stream.on('end', lost);
    this.stream.resume(); // starts reading: `end` and `error` come through the stream as before
  }

  /**
   * Opens `path` for the fast path; null when it is not a tty or cannot be opened (the caller then
   * reads through serialport). Never throws.
   */
  static open(path: string, events: TtyDataPathEvents, options: TtyDataPathOptions = {}): TtyDataPath | null {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
    } catch {
      return null;
    }
    if (!isatty(fd)) {
      closeSync(fd);
      return null;
    }
    try {
      return new TtyDataPath(fd, events, options.holdMs ?? STREAM_HOLD_MS, options.clock ?? realClock);
    } catch {
      closeSync(fd);
      return null;
    }
  }

  /**
   * Writes what the descriptor takes now, without blocking; returns how many bytes that was
   * (0 when it is full or failed: the caller queues the rest elsewhere and a real failure shows
   * up there or on the read side).
   */
  tryWrite(data: Buffer): number {
    if (this.closed) return 0;
    this.answerDue = true;
    try {
      return writeSync(this.fd, data, 0, data.length);
    } catch {
      return 0;
    }
  }

  /** Input went to the device by another way (serialport's queued writer). */
  inputSent(): void {
    this.answerDue = true;
  }

  /** Bytes read and not yet handed on (held streaming output); lets tests see a read arrive. */
  get heldBytes(): number {
    return this.pendingBytes;
  }

  /** Stops reading and closes the descriptor; chunks not yet handed on are dropped. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.pendingBytes = 0;
    this.cancelSchedules();
    this.stream.destroy(); // closes the descriptor
  }

  private take(chunk: Buffer): void {
    if (this.closed) return;
    // A read may be larger than a pty's usual 4095 bytes: hand on what waits first, so no joined
    // chunk grows past MAX_JOINED_BYTES (a single read never exceeds libuv's 64 KiB buffer).
    if (this.pendingBytes + chunk.length > MAX_JOINED_BYTES) this.handOn();
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= MAX_JOINED_BYTES) {
      this.handOn();
      return;
    }
    if (this.immediate !== null) return;
    const since = this.clock.now() - this.lastHandOnAt;
    if (this.answerDue || since >= this.holdMs) {
      if (this.holdTimer !== null) this.clock.clearTimeout(this.holdTimer);
      this.holdTimer = null;
      this.immediate = setImmediate(this.handOnNow);
    } else {
      this.holdTimer ??= this.clock.setTimeout(this.handOnNow, this.holdMs - since);
    }
  }

  private cancelSchedules(): void {
    if (this.immediate !== null) clearImmediate(this.immediate);
    if (this.holdTimer !== null) this.clock.clearTimeout(this.holdTimer);
    this.immediate = null;
    this.holdTimer = null;
  }

  private handOn(): void {
    this.cancelSchedules();
    if (this.closed || this.pending.length === 0) return;
    const chunk = this.pending.length === 1 ? this.pending[0] as Buffer : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.answerDue = false;
    this.lastHandOnAt = this.clock.now();
    this.events.onData(chunk);
  }
}
