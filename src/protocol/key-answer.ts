/**
 * Single-key answers (SPEC §9): the E/N/S/D choice and the Y/N share query. Keys are
 * case-insensitive; a CR or LF (or CR LF) right after the key is swallowed; any other key
 * repeats the question. LF and NUL alone are ignored rather than repeating: they are what is
 * left of the Enter that submitted the previous line (CR LF, CR NUL).
 *
 * Sans-I/O: `feed` reads up to the first key that settles something and hands back the rest.
 * The Enter after the key often arrives in the next chunk (one key per packet), so after an
 * answer the caller passes the next chunk through `afterAnswer` while `swallowing` is true.
 */

export interface KeyAnswerResult<K extends string> {
  /** The key chosen (upper case, one of the allowed keys), or null. */
  readonly answer: K | null;
  /** A key that is not allowed was typed: print the question again, then feed `rest`. */
  readonly repeat: boolean;
  /**
   * Bytes after the key: after an answer they belong to whatever comes next (the device, the
   * CLI), minus a swallowed CR/LF; after a repeat, feed them again. Empty when neither.
   */
  readonly rest: Buffer;
}

const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;
const EMPTY = Buffer.alloc(0);

export class KeyAnswerReader<K extends string> {
  private readonly keys: ReadonlyMap<number, K>;
  /** What may still be swallowed at the start of the next chunk after an answer. */
  private pending: 'none' | 'line-end' | 'lf' = 'none';

  /** `keys`: the allowed answers as single upper-case letters, e.g. ['E', 'N', 'D']. */
  constructor(keys: readonly K[]) {
    const map = new Map<number, K>();
    for (const key of keys) {
      map.set(key.toUpperCase().charCodeAt(0), key);
      map.set(key.toLowerCase().charCodeAt(0), key);
    }
    this.keys = map;
  }

  /** True after an answer that ended its chunk: the next chunk should go through `afterAnswer`. */
  get swallowing(): boolean {
    return this.pending !== 'none';
  }

  feed(chunk: Buffer): KeyAnswerResult<K> {
    this.pending = 'none';
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === LF || byte === NUL) continue;
      const key = this.keys.get(byte);
      if (key === undefined) return { answer: null, repeat: true, rest: chunk.subarray(i + 1) };
      this.pending = 'line-end';
      return { answer: key, repeat: false, rest: this.swallow(chunk.subarray(i + 1)) };
    }
    return { answer: null, repeat: false, rest: EMPTY };
  }

  /** The first chunk after an answer: drops the Enter that confirmed the key, if it starts the chunk. */
  afterAnswer(chunk: Buffer): Buffer {
    return this.swallow(chunk);
  }

  private swallow(chunk: Buffer): Buffer {
    if (chunk.length === 0) return chunk;
    const state = this.pending;
    this.pending = 'none';
    const first = chunk[0];
    if (state === 'lf') return first === LF || first === NUL ? chunk.subarray(1) : chunk;
    if (state !== 'line-end') return chunk;
    if (first === LF) return chunk.subarray(1);
    if (first !== CR) return chunk;
    if (chunk.length === 1) {
      this.pending = 'lf';
      return chunk.subarray(1);
    }
    return chunk[1] === LF || chunk[1] === NUL ? chunk.subarray(2) : chunk.subarray(1);
  }
}
