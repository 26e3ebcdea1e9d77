/**
 * The per-port history buffer of SPEC §1: a fixed-size circular byte buffer, filled from start-up
 * whether or not anyone is attached. When full it keeps the newest bytes.
 *
 * Data path (STYLE: the data path is lean): `append` copies into one Buffer; it allocates nothing
 * per chunk. Only `snapshot` allocates, once per call (history mode, SPEC §6).
 *
 * Memory (issue 14): the buffer starts at `INITIAL_BYTES` and doubles as output arrives, up to
 * `capacity`, so a quiet port holds a few KiB rather than its whole 64 KiB from start-up (48 ports:
 * 3 MiB). Growing happens at most log2(capacity / INITIAL_BYTES) times per port, never once full.
 */
export class HistoryRing {
  private bytes: Buffer;
  /** Index of the oldest byte. */
  private start = 0;
  private used = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer: ${capacity}`);
    this.bytes = Buffer.allocUnsafeSlow(Math.min(capacity, INITIAL_BYTES));
  }

  /** Bytes held, at most `capacity`. */
  get length(): number {
    return this.used;
  }

  append(chunk: Buffer): void {
    const len = chunk.length;
    if (len === 0) return;
    if (this.bytes.length < this.capacity && this.used + len > this.bytes.length) this.grow(this.used + len);
    const cap = this.bytes.length;
    if (len >= cap) {
      // Only the newest `cap` bytes of this chunk survive.
      chunk.copy(this.bytes, 0, len - cap, len);
      this.start = 0;
      this.used = cap;
      return;
    }
    const writeAt = (this.start + this.used) % cap;
    const firstPart = Math.min(len, cap - writeAt);
    chunk.copy(this.bytes, writeAt, 0, firstPart);
    if (firstPart < len) chunk.copy(this.bytes, 0, firstPart, len);
    if (this.used + len > cap) {
      this.start = (writeAt + len) % cap;
      this.used = cap;
    } else {
      this.used += len;
    }
  }

  /** The bytes held, oldest first, in a new Buffer the caller owns. */
  snapshot(): Buffer {
    const out = Buffer.allocUnsafe(this.used);
    this.copyOut(out);
    return out;
  }

  /** Doubles the buffer until it holds `needed` bytes (or `capacity`); the ring starts at 0 again. */
  private grow(needed: number): void {
    let size = this.bytes.length;
    while (size < needed && size < this.capacity) size *= 2;
    const bigger = Buffer.allocUnsafeSlow(Math.min(size, this.capacity));
    this.copyOut(bigger);
    this.bytes = bigger;
    this.start = 0;
  }

  private copyOut(out: Buffer): void {
    const firstPart = Math.min(this.used, this.bytes.length - this.start);
    this.bytes.copy(out, 0, this.start, this.start + firstPart);
    if (firstPart < this.used) this.bytes.copy(out, firstPart, 0, this.used - firstPart);
  }

  /** Bytes of memory the buffer takes now (grows with use up to `capacity`). */
  get allocatedBytes(): number {
    return this.bytes.length;
  }

  clear(): void {
    this.start = 0;
    this.used = 0;
  }
}

/** A new ring's buffer; it doubles from here as the port talks. */
const INITIAL_BYTES = 4096;
