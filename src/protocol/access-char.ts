/**
 * The CLI access character (SPEC §6; default ^D). While a user is connected to a port, typing it
 * once takes them to the CLI; typing it twice in a row sends one to the device (decided).
 *
 * "Twice in a row" needs a look at the next byte. When a chunk ends on a lone access character
 * the scanner holds it (`held`): the caller starts a short timer (`ACCESS_CHAR_HOLD_MS`) and calls
 * `release()` when it fires with no further input; input arriving first goes to `scan` as usual,
 * which settles the held character. A caller that wants no timer calls `release()` at once.
 * The scan allocates per chunk, never per byte: device bytes are subarrays of the input.
 */

export interface AccessScan {
  /** Bytes for the device, in order (subarrays of the chunk; a doubled access char appears once). */
  readonly toDevice: Buffer[];
  /** The user asked for the CLI: stop sending to the device. */
  readonly escape: boolean;
  /** With `escape`: the bytes typed after the access character, which belong to the CLI. */
  readonly rest: Buffer;
  /** The chunk ended on a lone access character: call `release()` unless more input comes soon. */
  readonly held: boolean;
}

/** Suggested wait for a second access character before a held one means "go to the CLI". */
export const ACCESS_CHAR_HOLD_MS = 500;

export const DEFAULT_ACCESS_CHAR = 0x04;

const EMPTY = Buffer.alloc(0);

export class AccessCharScanner {
  private holding = false;

  /** `char` may be changed at any time (SERVER CLI CHAR=, PORT n SET CHAR=). */
  constructor(public char: number = DEFAULT_ACCESS_CHAR) {}

  /** True while a lone access character waits to learn whether a second one follows. */
  get isHolding(): boolean {
    return this.holding;
  }

  scan(chunk: Buffer): AccessScan {
    const toDevice: Buffer[] = [];
    let from = 0;
    if (this.holding && chunk.length > 0) {
      this.holding = false;
      if (chunk[0] !== this.char) return { toDevice, escape: true, rest: chunk, held: false };
      toDevice.push(chunk.subarray(0, 1));
      from = 1;
    }
    while (from < chunk.length) {
      const at = chunk.indexOf(this.char, from);
      if (at < 0) {
        // The usual keystroke chunk has no access character: pass it on without a new view.
        toDevice.push(from === 0 ? chunk : chunk.subarray(from));
        break;
      }
      if (at + 1 === chunk.length) {
        if (at > from) toDevice.push(chunk.subarray(from, at));
        this.holding = true;
        break;
      }
      if (chunk[at + 1] === this.char) {
        // Doubled: the run up to and including one access character goes to the device.
        toDevice.push(chunk.subarray(from, at + 1));
        from = at + 2;
        continue;
      }
      if (at > from) toDevice.push(chunk.subarray(from, at));
      return { toDevice, escape: true, rest: chunk.subarray(at + 1), held: false };
    }
    return { toDevice, escape: false, rest: EMPTY, held: this.holding };
  }

  /** The hold time passed with no more input: a held access character means "go to the CLI". */
  release(): AccessScan {
    const escape = this.holding;
    this.holding = false;
    return { toDevice: [], escape, rest: EMPTY, held: false };
  }
}

export type AccessCharParse = { readonly ok: true; readonly byte: number } | { readonly ok: false; readonly error: string };

/**
 * Control characters that cannot be the access character (decided): NUL (dropped by Telnet after
 * CR), BS, TAB, LF, CR (editing and Enter), ^Q/^S (XON/XOFF flow control), ESC (starts every arrow
 * key) and DEL.
 */
const RESERVED = new Set([0x00, 0x08, 0x09, 0x0a, 0x0d, 0x11, 0x13, 0x1b, 0x7f]);

/** Parses `^<c>` notation (`^D` → 0x04, `^]` → 0x1d); the letter may be lower case. */
export function parseAccessChar(text: string): AccessCharParse {
  if (text.length !== 2 || text[0] !== '^') return { ok: false, error: 'expected ^ followed by one character, e.g. ^D' };
  const code = text.toUpperCase().charCodeAt(1);
  if (code < 0x40 || code > 0x5f) return { ok: false, error: `^${text[1]} is not a control character` };
  const byte = code - 0x40;
  if (RESERVED.has(byte)) return { ok: false, error: `${formatAccessChar(byte)} is reserved` };
  return { ok: true, byte };
}

/** `0x04` → `^D`, for SHOW output. */
export function formatAccessChar(byte: number): string {
  return byte === 0x7f ? '^?' : `^${String.fromCharCode((byte & 0x1f) + 0x40)}`;
}
