/**
 * The per-port history buffer of SPEC §1: a fixed-size circular byte buffer, filled from start-up
 * whether or not anyone is attached. When full it keeps the newest bytes.
 *
 * Data path (STYLE: the data path is lean): `append` copies into one Buffer allocated up front;
 * it allocates nothing per chunk. Only `snapshot` allocates, once per call (history mode, SPEC §6).
 */
export class HistoryRing {
  private readonly bytes: Buffer;
  /** Index of the oldest byte. */
  private start = 0;
  private used = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer: ${capacity}`);
    this.bytes = Buffer.alloc(capacity);
  }

  /** Bytes held, at most `capacity`. */
  get length(): number {
    return this.used;
  }

  append(chunk: Buffer): void {
    const cap = this.capacity;
    const len = chunk.length;
    if (len === 0) return;
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
    const firstPart = Math.min(this.used, this.capacity - this.start);
    this.bytes.copy(out, 0, this.start, this.start + firstPart);
    if (firstPart < this.used) this.bytes.copy(out, firstPart, 0, this.used - firstPart);
    return out;
  }

  clear(): void {
    this.start = 0;
    this.used = 0;
  }
}
