/**
 * One port's log file, `<data dir>/logs/port<n>.log` (`PORT n SET LOG=ON|OFF`): everything the
 * device sends, whether or not anyone is attached, with timestamp lines and attach/detach marks.
 *
 * The data path never waits for the disk: `write` queues the chunk in memory and returns; one
 * asynchronous writer drains the queue. The queue is bounded: what does not fit is dropped,
 * counted, and noted in the file where it went missing (before the next chunk that is logged). A file-system error (disk full,
 * EACCES, a directory in the way) is reported once through `onError`, the data meanwhile is
 * counted as not logged, and the writer tries again after `retryMs`. Nothing here throws.
 *
 * Framing (decided): `\n--- 2026-11-22 13:05:00 UTC ---\n` when the file is opened (at start,
 * after LOG=ON, after a rotation, after an error) and at most once a minute while data flows;
 * marks as `\n--- alice attached (ssh, rw) ---\n`. The leading newline is left out at the very
 * start of a file.
 */
import path from 'node:path';
import type { Clock } from './clock.js';
import { RotatingFile } from './rotating-file.js';
import { WriteGather } from './write-gather.js';

export interface PortLogOptions {
  /** The file, e.g. `<data dir>/logs/port3.log`; `portLogPath` builds it. */
  readonly file: string;
  /**
   * Time and the gather timer (STYLE: time is injected): tests drive the timestamp lines and the
   * gather interval with a FakeClock.
   */
  readonly clock: Clock;
  /** Rotate once the file reaches this size (bytes). Clamped to at least 256. */
  readonly maxBytes?: number;
  /** Rotated files kept: port3.log.1 (newest) .. port3.log.<keep>. 0 keeps none. */
  readonly keep?: number;
  /** Bytes allowed to wait in memory for the writer; beyond it chunks are dropped and counted. */
  readonly bufferBytes?: number;
  /** At most one timestamp line per this interval while data flows. */
  readonly stampIntervalMs?: number;
  /** After a write error, data is dropped without touching the disk for this long. */
  readonly retryMs?: number;
  /**
   * An idle writer waits this long for more data before it writes (0: at once), so a port at
   * console rates costs one file write per interval, not one per read; a backlog of a quarter
   * of `bufferBytes` is written at once.
   */
  readonly gatherMs?: number;
  /** A gather timer shared with other logs (port-logs.ts); without one the log has its own. */
  readonly gather?: WriteGather;
  readonly enabled?: boolean;
  /** Told once per failure streak (until a write succeeds again). Must not throw. */
  readonly onError?: (err: NodeJS.ErrnoException, file: string) => void;
}

export const PORT_LOG_DEFAULTS = {
  maxBytes: 1024 * 1024, keep: 5, bufferBytes: 256 * 1024, stampIntervalMs: 60_000, retryMs: 10_000,
  // Measured with `npm run bench` (issue 7): 48 ports at 115,200 baud spent ~10% of a core in
  // one thread-pool file write per read; gathered over 200 ms, under 1%. Issue 14: 1 s, one
  // timer for all ports (write-gather.ts): 48 writes a second instead of 240, in one burst.
  gatherMs: 1000,
} as const;

/** `<dataDir>/logs/port<n>.log`. */
export function portLogPath(dataDir: string, port: number): string {
  return path.join(dataDir, 'logs', `port${port}.log`);
}

/** `2026-11-22 13:05:00` in UTC. */
export function logTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export class PortLog {
  private readonly file: string;
  private readonly out: RotatingFile;
  private readonly clock: Clock;
  private readonly bufferBytes: number;
  private readonly stampIntervalMs: number;
  private readonly retryMs: number;
  private readonly onError: (err: NodeJS.ErrnoException, file: string) => void;

  private enabled: boolean;
  private closed = false;
  private queue: Buffer[] = [];
  private queuedBytes = 0;
  /** A stamp is owed at the next data: the file is (re)opened. */
  private stampDue = true;
  private lastStampAt = Number.NEGATIVE_INFINITY;
  /** Bytes lost since the last note (written before the next logged chunk), and why. */
  private unnoted = 0;
  private unnotedReason = '';
  private lost = 0;
  private failedUntil = Number.NEGATIVE_INFINITY;
  private failReason = 'write error';
  private errorReported = false;
  private draining: Promise<void> | null = null;
  private readonly gatherMs: number;
  private readonly gather: WriteGather;
  /** Waiting for the shared gather's next tick. */
  private gatherDue = false;
  private readonly drainNow = (): void => this.startDrain();

  constructor(options: PortLogOptions) {
    this.file = options.file;
    this.clock = options.clock;
    const maxBytes = Math.max(256, options.maxBytes ?? PORT_LOG_DEFAULTS.maxBytes);
    const keep = Math.max(0, options.keep ?? PORT_LOG_DEFAULTS.keep);
    // Decided framing: a file begun by a rotation opens with a timestamp line of its own.
    this.out = new RotatingFile(this.file, maxBytes, keep, () => {
      this.lastStampAt = this.clock.now();
      return Buffer.from(`--- ${logTimestamp(this.lastStampAt)} UTC ---\n`);
    });
    this.bufferBytes = options.bufferBytes ?? PORT_LOG_DEFAULTS.bufferBytes;
    this.stampIntervalMs = options.stampIntervalMs ?? PORT_LOG_DEFAULTS.stampIntervalMs;
    this.retryMs = options.retryMs ?? PORT_LOG_DEFAULTS.retryMs;
    this.gatherMs = options.gatherMs ?? PORT_LOG_DEFAULTS.gatherMs;
    this.gather = options.gather ?? new WriteGather(this.clock, this.gatherMs);
    this.enabled = options.enabled ?? true;
    this.onError = options.onError ?? (() => undefined);
  }

  /** Bytes of device output that never reached the file (queue full or write errors). */
  get lostBytes(): number {
    return this.lost;
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /**
   * Device output. Never blocks or throws; the chunk is kept by reference until written, so the
   * caller must not reuse it (the port runtime hands out fresh chunks, as for the fan-out).
   */
  write(chunk: Buffer): void {
    if (!this.enabled || this.closed || chunk.length === 0) return;
    const now = this.clock.now();
    if (now < this.failedUntil) {
      this.loseBytes(chunk.length, this.failReason);
      return;
    }
    if (this.queuedBytes + chunk.length > this.bufferBytes) {
      this.loseBytes(chunk.length, 'log writer behind');
      return;
    }
    this.stampIfDue(now);
    this.noteLoss();
    this.enqueue(chunk);
  }

  /** An event line such as `alice attached (ssh, rw)`; written even when data is being dropped. */
  mark(text: string): void {
    if (!this.enabled || this.closed) return;
    this.stampIfDue(this.clock.now());
    this.noteLoss();
    this.enqueue(Buffer.from(`\n--- ${text} ---\n`));
  }

  /** `PORT n SET LOG=ON|OFF`. Off: what is queued is still written, then the file is closed. */
  setEnabled(on: boolean): void {
    if (on === this.enabled || this.closed) return;
    this.enabled = on;
    if (on) this.stampDue = true;
    else this.kick();
  }

  /** Resolves once everything queued so far is written (or given up on). */
  async flush(): Promise<void> {
    if (this.gatherDue) this.startDrain();
    while (this.draining !== null) await this.draining;
  }

  /** Flushes and closes the file; later writes are ignored. */
  async close(): Promise<void> {
    this.closed = true;
    this.kick();
    await this.flush();
    await this.out.close();
  }

  private stampIfDue(now: number): void {
    if (!this.stampDue && now - this.lastStampAt < this.stampIntervalMs) return;
    this.stampDue = false;
    this.lastStampAt = now;
    this.enqueue(Buffer.from(`\n--- ${logTimestamp(now)} UTC ---\n`));
  }

  /** Where bytes went missing, the file says so, just before the next thing that is logged. */
  private noteLoss(): void {
    if (this.unnoted === 0) return;
    const note = `\n--- ${this.unnoted} bytes not logged (${this.unnotedReason}) ---\n`;
    this.unnoted = 0;
    this.enqueue(Buffer.from(note));
  }

  private enqueue(chunk: Buffer): void {
    this.queue.push(chunk);
    this.queuedBytes += chunk.length;
    this.kick();
  }

  private loseBytes(n: number, reason: string): void {
    this.lost += n;
    this.unnoted += n;
    this.unnotedReason = reason;
  }

  private kick(): void {
    if (this.draining !== null) return;
    const now = this.closed || !this.enabled || this.gatherMs <= 0 || this.queuedBytes >= this.bufferBytes / 4;
    if (now) {
      this.startDrain();
    } else {
      this.gatherDue = true;
      this.gather.schedule(this.drainNow);
    }
  }

  private startDrain(): void {
    if (this.gatherDue) this.gather.cancel(this.drainNow);
    this.gatherDue = false;
    if (this.draining !== null) return;
    this.draining = this.drain().finally(() => { this.draining = null; });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.length === 1 ? this.queue[0]! : Buffer.concat(this.queue, this.queuedBytes);
      this.queue = [];
      this.queuedBytes = 0;
      try {
        await this.out.append(batch);
        this.errorReported = false;
      } catch (err) {
        await this.failed(err as NodeJS.ErrnoException, batch.length);
      }
    }
    if (!this.enabled || this.closed) await this.out.close();
  }

  private async failed(err: NodeJS.ErrnoException, batchBytes: number): Promise<void> {
    this.failReason = `write error ${err.code ?? err.message}`;
    this.loseBytes(batchBytes + this.queuedBytes, this.failReason);
    this.queue = [];
    this.queuedBytes = 0;
    this.failedUntil = this.clock.now() + this.retryMs;
    this.stampDue = true;
    await this.out.close();
    if (this.errorReported) return;
    this.errorReported = true;
    try {
      this.onError(err, this.file);
    } catch {
      // The reporter's contract is not to throw; a broken one must not stop the port.
    }
  }

}
