/**
 * A sans-I/O line editor for the `> ` prompt and the `Username:` / `Password:` prompts (SPEC §2,
 * §6). Bytes in; what to echo, and how the line ended, out. It stops at the end of each line and
 * hands back the unread bytes (`rest`), so the caller can act first: switch to password mode
 * before typed-ahead password bytes would be echoed, or send the bytes after `CONNECT` to the
 * device. Never throws; input is ASCII (other bytes are ignored).
 *
 * Keys: Enter, BS/DEL, ^U and (as on the appliance, issue 12) Esc erase the line; ^C cancels it;
 * arrow up/down recall history. An Esc that a `[` or `O` follows in the same chunk starts an
 * arrow key's sequence instead; an Esc ending its chunk erases at once (a lone key press).
 */

export type LineEnd =
  /** Enter: CR, LF, CR LF or CR NUL (one line, never two). */
  | { readonly kind: 'line'; readonly text: string }
  /** Ctrl-D on an empty line. */
  | { readonly kind: 'eof' }
  /** Ctrl-C: the line was thrown away (`^C` and a newline were echoed); show the prompt again. */
  | { readonly kind: 'cancel' };

export interface LineEditResult {
  /** Text to write back to the terminal ('' when nothing). */
  readonly echo: string;
  /** What ended this feed; null when every byte was consumed without ending a line. */
  readonly end: LineEnd | null;
  /** Bytes after `end` not yet looked at (a subarray of the chunk); empty when `end` is null. */
  readonly rest: Buffer;
}

export interface LineEditorOptions {
  /** Longest line; further characters are refused with a bell. */
  readonly maxLength?: number;
  /** Lines kept for arrow-up recall. */
  readonly historySize?: number;
  /**
   * This editor starts right after a line ended with Enter somewhere else (a question asked once
   * a command line was entered): an LF or NUL opening its first chunk is the rest of that CR LF /
   * CR NUL, not an empty answer.
   */
  readonly afterEnter?: boolean;
}

const BS = 0x08;
const DEL = 0x7f;
const CTRL_C = 0x03;
const CTRL_D = 0x04;
const CTRL_U = 0x15;
const ESC = 0x1b;
const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;
const BELL = '\x07';
const NEWLINE = '\r\n';
/** A CSI longer than this is not a key we know; give up on it rather than swallow typing. */
const MAX_CSI = 16;

const enum Escape { None, Esc, Csi, Ss3 }

export class LineEditor {
  /** Password mode: nothing is echoed, not even asterisks, and lines are not kept in history. */
  masked = false;
  private readonly maxLength: number;
  private readonly historySize: number;
  private readonly history: string[] = [];
  /** Index into history while browsing; history.length means the line being typed. */
  private browse = 0;
  private draft = '';
  private line = '';
  private escape = Escape.None;
  private csiLength = 0;
  /** The last line ended with a CR at the end of a chunk: a LF or NUL opening the next is part of it. */
  private afterCr = false;

  constructor(options: LineEditorOptions = {}) {
    this.maxLength = options.maxLength ?? 1024;
    this.historySize = options.historySize ?? 32;
    this.afterCr = options.afterEnter === true;
  }

  /** The line typed so far. */
  get text(): string {
    return this.line;
  }

  /** Forget the partial line (e.g. when the CLI is left); history is kept. */
  reset(): void {
    this.line = '';
    this.escape = Escape.None;
    this.afterCr = false;
    this.browse = this.history.length;
  }

  feed(chunk: Buffer): LineEditResult {
    let echo = '';
    let i = 0;
    if (this.afterCr && chunk.length > 0) {
      this.afterCr = false;
      if (chunk[0] === LF || chunk[0] === NUL) i = 1;
    }
    for (; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.escape !== Escape.None) {
        const keyEcho = this.escapeByte(byte);
        if (keyEcho !== null) {
          echo += keyEcho;
          continue;
        }
      }
      if (byte === ESC) {
        // A lone Esc erases the line; Esc [ / Esc O is a key's sequence (arrows).
        const next = chunk[i + 1];
        if (next !== 0x5b && next !== 0x4f) echo += this.replaceLine('');
        this.escape = next === undefined || next === 0x5b || next === 0x4f ? Escape.Esc : Escape.None;
        continue;
      }
      if (byte === CR || byte === LF) {
        let next = i + 1;
        if (byte === CR) {
          if (next < chunk.length && (chunk[next] === LF || chunk[next] === NUL)) next++;
          else if (next === chunk.length) this.afterCr = true;
        }
        const text = this.line;
        this.remember(text);
        this.line = '';
        return { echo: echo + NEWLINE, end: { kind: 'line', text }, rest: chunk.subarray(next) };
      }
      if (byte === CTRL_C) {
        this.line = '';
        this.browse = this.history.length;
        return { echo: echo + '^C' + NEWLINE, end: { kind: 'cancel' }, rest: chunk.subarray(i + 1) };
      }
      if (byte === CTRL_D && this.line.length === 0) {
        return { echo, end: { kind: 'eof' }, rest: chunk.subarray(i + 1) };
      }
      echo += this.editByte(byte);
    }
    return { echo, end: null, rest: chunk.subarray(chunk.length) };
  }

  /** One byte of ordinary editing; returns its echo. */
  private editByte(byte: number): string {
    if (byte === DEL || byte === BS) {
      if (this.line.length === 0) return '';
      this.line = this.line.slice(0, -1);
      return this.masked ? '' : '\b \b';
    }
    if (byte === CTRL_U) return this.replaceLine('');
    if (byte < 0x20 || byte > 0x7e) return '';
    if (this.line.length >= this.maxLength) return BELL;
    const char = String.fromCharCode(byte);
    this.line += char;
    return this.masked ? '' : char;
  }

  /**
   * One byte inside an escape sequence. Returns the echo when the byte belonged to the sequence,
   * or null when it did not (the sequence is abandoned and the byte is handled normally).
   */
  private escapeByte(byte: number): string | null {
    switch (this.escape) {
      case Escape.Esc:
        if (byte === 0x5b /* [ */) this.escape = Escape.Csi;
        else if (byte === 0x4f /* O */) this.escape = Escape.Ss3;
        else {
          this.escape = Escape.None;
          return null;
        }
        this.csiLength = 0;
        return '';
      case Escape.Ss3:
        this.escape = Escape.None;
        return this.arrow(byte);
      case Escape.Csi:
        if (byte >= 0x40 && byte <= 0x7e) {
          this.escape = Escape.None;
          // Only a bare `ESC [ A` / `ESC [ B` is an arrow; with parameters it is some other key.
          return this.csiLength === 0 ? this.arrow(byte) : '';
        }
        if (byte >= 0x20 && byte <= 0x3f && ++this.csiLength <= MAX_CSI) return '';
        this.escape = Escape.None;
        return null;
      default:
        return null;
    }
  }

  private arrow(final: number): string {
    if (this.masked) return '';
    if (final === 0x41 /* A */ && this.browse > 0) {
      if (this.browse === this.history.length) this.draft = this.line;
      this.browse--;
      return this.replaceLine(this.history[this.browse]!);
    }
    if (final === 0x42 /* B */ && this.browse < this.history.length) {
      this.browse++;
      return this.replaceLine(this.browse === this.history.length ? this.draft : this.history[this.browse]!);
    }
    return '';
  }

  /** Erases the shown line and shows `next` instead (cursor is always at the end). */
  private replaceLine(next: string): string {
    const shown = this.masked ? 0 : this.line.length;
    this.line = next;
    return '\b \b'.repeat(shown) + (this.masked ? '' : next);
  }

  private remember(text: string): void {
    if (!this.masked && text.trim().length > 0 && this.history[this.history.length - 1] !== text) {
      this.history.push(text);
      if (this.history.length > this.historySize) this.history.shift();
    }
    this.browse = this.history.length;
    this.draft = '';
  }
}
