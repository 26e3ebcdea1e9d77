/**
 * The outlet protocol (issue 12, decided): a small line-based protocol between ccmd's SPC client
 * and a power strip on a TD=SPC port, spoken by the simulated power strip
 * (transports/serial/power-strip-device.ts, scripts/power-strip-sim.mjs) and by anything that
 * wants to stand in for one. Sans-I/O (STYLE, after ssh2): bytes in, values out.
 *
 * Requests, one line each, ended by CR, LF, CR LF or CR NUL; keywords in any case, words separated by
 * spaces:
 *   STATUS            every outlet
 *   STATUS <n>        outlet n
 *   ON <n>            outlet n on
 *   OFF <n>           outlet n off
 *   CYCLE <n>         outlet n off, and on again after the strip's cycle time
 * Replies, each line ended by CR LF: one `OUTLET <n> ON|OFF|CYCLING` line per outlet concerned,
 * then `OK`; or `ERR <text>` alone when the request is refused (no such outlet, unknown command,
 * line too long), which changes nothing. CYCLE answers at once with `CYCLING`; STATUS shows
 * `CYCLING` until the outlet is back on. The strip echoes what it receives (so a person on a
 * TD=CONSOLE port sees their typing); a client ignores every line that is not a reply line.
 * Lines are at most MAX_LINE_BYTES; a longer one is answered `ERR line too long`.
 */

export const MAX_LINE_BYTES = 64;

export type OutletState = 'ON' | 'OFF' | 'CYCLING';
export type OutletAction = 'ON' | 'OFF' | 'CYCLE';

/** What the client asks. */
export type OutletRequest =
  | { readonly kind: 'status'; readonly outlet: number | null }
  | { readonly kind: 'switch'; readonly action: OutletAction; readonly outlet: number };

/** One reply line as the client reads it. */
export type OutletReply =
  | { readonly kind: 'outlet'; readonly outlet: number; readonly state: OutletState }
  | { readonly kind: 'ok' }
  | { readonly kind: 'err'; readonly text: string };

/** The request's line as it goes over the wire (CR-terminated, as a terminal's Enter). */
export function encodeRequest(request: OutletRequest): Buffer {
  const words = request.kind === 'status'
    ? (request.outlet === null ? 'STATUS' : `STATUS ${request.outlet}`)
    : `${request.action} ${request.outlet}`;
  return Buffer.from(`${words}\r`, 'latin1');
}

export function encodeReply(reply: OutletReply): string {
  switch (reply.kind) {
    case 'outlet': return `OUTLET ${reply.outlet} ${reply.state}\r\n`;
    case 'ok': return 'OK\r\n';
    case 'err': return `ERR ${reply.text}\r\n`;
  }
}

const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;

/**
 * Splits a byte stream into lines ended by CR, LF, CR LF or CR NUL (an LF or NUL right after a CR
 * ends nothing and is dropped: one Enter, as line-editor.ts and the strip's echo take it).
 * Bounded: a line over `maxBytes` is reported once as `overflow` and the rest of it dropped.
 * One string per line; no allocation per byte.
 */
export class LineSplitter {
  private readonly buffer: Buffer;
  private length = 0;
  private overflowed = false;
  private afterCr = false;

  constructor(private readonly maxBytes = MAX_LINE_BYTES) {
    this.buffer = Buffer.alloc(maxBytes);
  }

  /** Every line the chunk completes, in order; `null` for a line that was too long. */
  push(chunk: Uint8Array): (string | null)[] {
    const lines: (string | null)[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      const partner = this.afterCr && (byte === LF || byte === NUL);
      this.afterCr = byte === CR;
      if (partner) start = i + 1; // its CR was the byte before: start was i already, or 0
      else if (byte === CR || byte === LF) {
        lines.push(this.finish(chunk, start, i));
        start = i + 1;
      }
    }
    this.keep(chunk, start, chunk.length);
    return lines;
  }

  private keep(chunk: Uint8Array, from: number, to: number): void {
    if (this.overflowed || to <= from) return;
    if (this.length + (to - from) > this.maxBytes) {
      this.overflowed = true;
      return;
    }
    this.buffer.set(chunk.subarray(from, to), this.length);
    this.length += to - from;
  }

  private finish(chunk: Uint8Array, from: number, to: number): string | null {
    this.keep(chunk, from, to);
    const line = this.overflowed ? null : this.buffer.toString('latin1', 0, this.length);
    this.length = 0;
    this.overflowed = false;
    return line;
  }
}

const OUTLET_LINE = /^OUTLET ([1-9][0-9]{0,2}) (ON|OFF|CYCLING)$/;

/** A line from the strip as a reply; null for anything else (echo, banners, noise). */
export function parseReplyLine(line: string): OutletReply | null {
  const text = line.trim();
  if (text === 'OK') return { kind: 'ok' };
  if (text.startsWith('ERR ')) return { kind: 'err', text: text.slice(4).trim() };
  const m = OUTLET_LINE.exec(text);
  return m === null ? null : { kind: 'outlet', outlet: Number(m[1]), state: m[2] as OutletState };
}

/**
 * The client's side: bytes from the strip in, reply lines out. Lines that are not replies are
 * ignored; a line too long to be a reply is ignored too.
 */
export class OutletReplyDecoder {
  private readonly lines = new LineSplitter(MAX_LINE_BYTES);

  push(chunk: Uint8Array): OutletReply[] {
    const replies: OutletReply[] = [];
    for (const line of this.lines.push(chunk)) {
      const reply = line === null ? null : parseReplyLine(line);
      if (reply !== null) replies.push(reply);
    }
    return replies;
  }
}

/** The strip's side: one request line parsed, or the ERR text to answer. */
export function parseRequestLine(line: string): OutletRequest | { readonly kind: 'invalid'; readonly text: string } | null {
  const words = line.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return null;
  const [command = '', outlet, extra] = words.map((w) => w.toUpperCase());
  if (extra !== undefined) return { kind: 'invalid', text: 'too many words' };
  const n = outlet === undefined ? null : /^[1-9][0-9]{0,2}$/.test(outlet) ? Number(outlet) : NaN;
  if (Number.isNaN(n)) return { kind: 'invalid', text: `bad outlet ${outlet ?? ''}`.trim() };
  if (command === 'STATUS') return { kind: 'status', outlet: n };
  if (command === 'ON' || command === 'OFF' || command === 'CYCLE') {
    return n === null ? { kind: 'invalid', text: `${command} needs an outlet` } : { kind: 'switch', action: command, outlet: n };
  }
  return { kind: 'invalid', text: 'unknown command' };
}

/** One outlet as the strip reported it. */
export interface OutletStatus {
  readonly outlet: number;
  readonly state: OutletState;
}

/**
 * What one request came to, as the SPC client reports it: the outlets the strip listed; or why
 * not: the strip refused (`refused`, its ERR text), did not answer in time (`silent`), or the
 * port's device is not open (`unavailable`).
 */
export type OutletAnswer =
  | { readonly ok: true; readonly outlets: readonly OutletStatus[] }
  | { readonly ok: false; readonly problem: 'refused' | 'silent' | 'unavailable'; readonly detail: string };
