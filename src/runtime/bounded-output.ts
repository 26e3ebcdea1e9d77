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
 * where n is the number dropped since the last such notice. With `stream` given (the port
 * runtime), the notice also says how many of those bytes the port's history buffer still holds
 * (issue 14: "keep what it missed in history; tell it how much"): the dropped chunks' offsets in
 * the port's output are remembered as ranges and compared with what the history holds then.
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

/** Where the written chunks sit in the port's output, and what of it the history still holds. */
export interface OutputStream {
  /** Bytes of port output so far, the chunk being written included (its end offset). */
  position(): number;
  /** Offset of the oldest byte the history buffer holds (`position()` when it is empty). */
  heldFrom(): number;
}

export interface BoundedOutputOptions {
  /** Most bytes held while the sink is back-pressured. */
  readonly limitBytes: number;
  /** Told of every dropped chunk's length (the port's droppedBytes counter). */
  readonly onDropped?: (bytes: number) => void;
  /**
   * Text telling the connection what it missed: `bytes` dropped since the last notice, of which
   * `inHistory` are still in the history buffer (0 without `stream`); `droppedNotice` by default.
   */
  readonly notice?: (bytes: number, inHistory: number) => string;
  /** Offsets of chunks in the port's output, for the notice's `inHistory`. */
  readonly stream?: OutputStream;
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
  /** Untold drops as [start, end) offsets in the port's output, flat; adjacent ones merged. */
  private readonly droppedRanges: number[] = [];
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
    if (this.options.stream) this.rememberDrop(this.options.stream.position(), chunk.length);
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
      const text = (this.options.notice ?? droppedNotice)(this.droppedUntold, this.droppedInHistory());
      this.droppedUntold = 0;
      this.droppedRanges.length = 0;
      if (!this.sink.write(Buffer.from(text))) this.block();
    }
  }

  private rememberDrop(end: number, length: number): void {
    const ranges = this.droppedRanges;
    const start = end - length;
    if (ranges.length > 0 && ranges[ranges.length - 1] === start) {
      ranges[ranges.length - 1] = end;
      return;
    }
    // Bounded: past MAX_DROP_RANGES the two oldest are joined (the gap between them may then
    // count as held, which `droppedInHistory` caps at the bytes dropped).
    if (ranges.length >= 2 * MAX_DROP_RANGES) ranges.splice(1, 2);
    ranges.push(start, end);
  }

  /** How many of the untold dropped bytes the history buffer still holds. */
  private droppedInHistory(): number {
    const stream = this.options.stream;
    if (!stream) return 0;
    const heldFrom = stream.heldFrom();
    const ranges = this.droppedRanges;
    let held = 0;
    for (let i = 0; i < ranges.length; i += 2) {
      held += Math.max(0, (ranges[i + 1] as number) - Math.max(ranges[i] as number, heldFrom));
    }
    return Math.min(held, this.droppedUntold);
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
/** Separate dropped stretches remembered per notice (see `rememberDrop`). */
const MAX_DROP_RANGES = 32;
/** Spent queue slots tolerated before they are dropped (amortises the splice). */
const COMPACT_AFTER = 1024;
