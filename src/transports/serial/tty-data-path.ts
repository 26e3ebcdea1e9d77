/**
 * The fast data path beside `serialport` for a device that is a tty (a real serial port or a socat
 * pty), found by the benchmark (issue 7, `npm run bench`):
 * - Reads go through a libuv tty stream on a descriptor of our own: libuv reads up to 32 times per
 *   readiness event on the event loop, where serialport makes one thread-pool round trip per
 *   read(2), and a pty hands out at most 4095 bytes per read(2).
 * - Small writes go straight out with a non-blocking write(2) (a keystroke skips two thread-pool
 *   hops); what the descriptor cannot take at once is left to serialport's queued writer.
 * - Reads are joined before they are handed on. A short read means the device paused: what is
 *   pending goes on in the check phase of the same event-loop turn (setImmediate), so a keystroke
 *   echo waits microseconds. A big read (a flood: the line discipline hands out at most 4095
 *   bytes a read) is held up to BULK_HOLD_MS or MAX_JOINED_BYTES, so a flood costs one history
 *   append, one log write and one socket write per joined chunk instead of per 4 KiB (measured:
 *   the average read under a flood was 3.9 KB, one read per event-loop turn).
 * serialport keeps the line settings, break and the exclusive lock. The descriptor must be opened
 * before serialport takes its TIOCEXCL lock (a second open is refused with EBUSY afterwards).
 */
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { isatty, ReadStream } from 'node:tty';

/** Most bytes joined into one chunk. */
const MAX_JOINED_BYTES = 64 * 1024;
/** A read at least this big suggests more is waiting behind it. */
const BULK_READ_BYTES = 2048;
/** Longest a bulk read waits for more before it is handed on. */
const BULK_HOLD_MS = 1;

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
  private holdTimer: NodeJS.Timeout | null = null;
  private readonly handOnNow = (): void => this.handOn();
  private closed = false;

  private constructor(private readonly fd: number, private readonly events: TtyDataPathEvents) {
    this.stream = new ReadStream(fd);
    this.stream.on('data', (chunk: Buffer) => this.take(chunk));
    const lost = (): void => {
      if (this.closed) return;
      this.close();
      this.events.onLost();
    };
    this.stream.on('error', lost);
    this.stream.on('end', lost);
  }

  /**
   * Opens `path` for the fast path; null when it is not a tty or cannot be opened (the caller then
   * reads through serialport). Never throws.
   */
  static open(path: string, events: TtyDataPathEvents): TtyDataPath | null {
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
      return new TtyDataPath(fd, events);
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
    try {
      return writeSync(this.fd, data, 0, data.length);
    } catch {
      return 0;
    }
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
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= MAX_JOINED_BYTES) {
      this.handOn();
    } else if (chunk.length < BULK_READ_BYTES) {
      this.immediate ??= setImmediate(this.handOnNow);
    } else if (this.holdTimer === null && this.immediate === null) {
      this.holdTimer = setTimeout(this.handOnNow, BULK_HOLD_MS);
    }
  }

  private cancelSchedules(): void {
    if (this.immediate !== null) clearImmediate(this.immediate);
    if (this.holdTimer !== null) clearTimeout(this.holdTimer);
    this.immediate = null;
    this.holdTimer = null;
  }

  private handOn(): void {
    this.cancelSchedules();
    if (this.closed || this.pending.length === 0) return;
    const chunk = this.pending.length === 1 ? this.pending[0] as Buffer : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.events.onData(chunk);
  }
}
