/**
 * Reading and writing TACACS+ bodies (RFC 8907 §5, §6): fixed fields, then length-prefixed
 * strings in one run. A `FieldReader` never reads past its buffer; a short or overlong body is
 * an error result.
 */
import { bad, type Decoded } from './tacacs-packet.js';

export class FieldReader {
  private at = 0;
  private short = false;

  constructor(private readonly body: Buffer) {}

  u8(): number {
    if (this.at + 1 > this.body.length) { this.short = true; return 0; }
    return this.body[this.at++] as number;
  }

  u16(): number {
    if (this.at + 2 > this.body.length) { this.short = true; return 0; }
    const value = this.body.readUInt16BE(this.at);
    this.at += 2;
    return value;
  }

  bytes(length: number): Buffer {
    if (this.at + length > this.body.length) { this.short = true; return Buffer.alloc(0); }
    const value = this.body.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }

  text(length: number): string {
    return this.bytes(length).toString('utf8');
  }

  /** The body was exactly as long as its fields say. */
  finish<T>(value: T, what: string): Decoded<T> {
    if (this.short) return bad(`${what}: body shorter than its fields`);
    if (this.at !== this.body.length) return bad(`${what}: ${this.body.length - this.at} bytes after its fields`);
    return { ok: true, value };
  }
}

/** A string field's bytes, refusing what does not fit its length field. */
export function field(text: string | Buffer, max: number, what: string): Buffer {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  if (bytes.length > max) throw new RangeError(`${what} longer than ${max} bytes`);
  return bytes;
}
