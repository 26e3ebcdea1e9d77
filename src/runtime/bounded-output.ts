/**
 * One connection's share of a port's output, with a bounded queue (STYLE: the data path is lean;
 * a stalled connection never slows the device or the other connections).
 *
 * While the sink accepts, chunks pass straight through. Once `write` returns false the sink is
 * back-pressured: chunks are queued by reference (never copied) up to `limitBytes` (config
 * `connectionQueueBytes`, 256 KiB by default); a chunk that would go over the bound is dropped
 * whole and counted. On `drain` the queue is written out; when it is empty and something was
 * dropped, the connection is told on a line of its own (decided text, SPEC §7 style):
 *   `\r\n[ccmd] <n> bytes of port output dropped (client too slow)\r\n`
 * where n is the number dropped since the last such notice.
 *
 * Chunks from serialport are slices of a shared 64 KiB read pool, so a queue pins at most its
 * own bytes plus one pool. No logging and no allocation per chunk here, except the notice.
 *
 * Stalled clients (aedes' drain timeout): with `stall` given, a sink that stays back-pressured
 * for `stall.ms` with no `drain` at all (a client that stopped reading, was frozen, or vanished
 * without a FIN) is reported once through `stall.onStalled`, so its owner can cut it off and free
 * its place on the port. Any drain restarts the wait: a slow but live client is never cut off.
 */
import type { Clock, Timer } from './clock.js';

/** What BoundedOutput writes to; a `Terminal` (transports/terminal.ts) is one. */
export interface OutputSink {
  /** False when the sink is over its high-water mark; it emits `drain` later. */
  write(data: Buffer): boolean;
  on(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

export function droppedNotice(bytes: number): string {
  return `\r\n[ccmd] ${bytes} bytes of port output dropped (client too slow)\r\n`;
}

export interface BoundedOutputOptions {
  /** Most bytes held while the sink is back-pressured. */
  readonly limitBytes: number;
  /** Told of every dropped chunk's length (the port's droppedBytes counter). */
  readonly onDropped?: (bytes: number) => void;
  /** Text telling the connection what it missed; `droppedNotice` by default. */
  readonly notice?: (bytes: number) => string;
  /** Reports a sink back-pressured for `ms` without one drain (config `outputStallSeconds`). */
  readonly stall?: OutputStall;
}

export interface OutputStall {
  readonly ms: number;
  readonly clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** Called at most once per BoundedOutput. */
  readonly onStalled: () => void;
}

export class BoundedOutput {
  private readonly queue: Buffer[] = [];
  /** Index of the next chunk to send in `queue` (avoids O(n) shift). */
  private head = 0;
  private queued = 0;
  private blocked = false;
  private closed = false;
  private droppedTotal = 0;
  private droppedUntold = 0;
  private stallTimer: Timer | null = null;
  private stallReported = false;
  private readonly onDrain = (): void => this.flush();

  constructor(private readonly sink: OutputSink, private readonly options: BoundedOutputOptions) {
    sink.on('drain', this.onDrain);
  }

  /** Bytes waiting for the sink to drain. */
  get queuedBytes(): number {
    return this.queued;
  }

  /** Bytes dropped for this connection since it was made. */
  get droppedBytes(): number {
    return this.droppedTotal;
  }

  get backPressured(): boolean {
    return this.blocked;
  }

  /** Never blocks and never throws; the chunk must not be modified afterwards (it may be queued). */
  write(chunk: Buffer): void {
    if (this.closed || chunk.length === 0) return;
    if (!this.blocked) {
      if (!this.sink.write(chunk)) this.block();
      return;
    }
    if (this.queued + chunk.length <= this.options.limitBytes) {
      this.queue.push(chunk);
      this.queued += chunk.length;
      return;
    }
    this.droppedTotal += chunk.length;
    this.droppedUntold += chunk.length;
    this.options.onDropped?.(chunk.length);
  }

  /** Stops listening to the sink and lets go of the queue. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelStallWatch();
    this.sink.off('drain', this.onDrain);
    this.queue.length = 0;
    this.head = 0;
    this.queued = 0;
  }

  private flush(): void {
    if (this.closed) return;
    this.blocked = false;
    this.cancelStallWatch();
    while (this.head < this.queue.length) {
      const chunk = this.queue[this.head] as Buffer;
      this.queue[this.head] = EMPTY; // let the chunk go as soon as it is written
      this.head++;
      this.queued -= chunk.length;
      if (!this.sink.write(chunk)) {
        this.dropWrittenSlots();
        this.block();
        return;
      }
    }
    this.queue.length = 0;
    this.head = 0;
    if (this.droppedUntold > 0) {
      const text = (this.options.notice ?? droppedNotice)(this.droppedUntold);
      this.droppedUntold = 0;
      if (!this.sink.write(Buffer.from(text))) this.block();
    }
  }

  /**
   * A queue that never quite empties (a client a little slower than its port) would otherwise
   * grow its array by one spent slot per chunk forever; drop them once they are most of it.
   */
  private dropWrittenSlots(): void {
    if (this.head < COMPACT_AFTER || this.head * 2 < this.queue.length) return;
    this.queue.splice(0, this.head);
    this.head = 0;
  }

  private block(): void {
    this.blocked = true;
    const stall = this.options.stall;
    if (stall === undefined || this.stallTimer !== null || this.stallReported) return;
    this.stallTimer = stall.clock.setTimeout(() => {
      this.stallTimer = null;
      if (this.closed || !this.blocked) return;
      this.stallReported = true;
      stall.onStalled();
    }, stall.ms);
  }

  private cancelStallWatch(): void {
    if (this.stallTimer === null) return;
    this.options.stall?.clock.clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }
}

const EMPTY = Buffer.alloc(0);
/** Spent queue slots tolerated before they are dropped (amortises the splice). */
const COMPACT_AFTER = 1024;
