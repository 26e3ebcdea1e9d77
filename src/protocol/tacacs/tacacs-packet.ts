/**
 * TACACS+ (RFC 8907) packets without I/O: the 12-byte header (§4.1), body obfuscation with the
 * MD5 pad (§4.5), and a reader that cuts a byte stream into packets. Never throws on input:
 * malformed bytes come back as an error result naming what was wrong.
 */
import { createHash } from 'node:crypto';

export const HEADER_LENGTH = 12;
export const MAJOR_VERSION = 0xc;
/** §4.1: minor version 1 is for PAP/CHAP/MS-CHAP authentication START, 0 for everything else. */
export const MINOR_DEFAULT = 0x0;
export const MINOR_ONE = 0x1;
/** Refuse bodies longer than this: nothing ccmd exchanges comes near it (a length is 32 bits). */
export const MAX_BODY_LENGTH = 65_535;

export const PacketType = { AUTHEN: 0x01, AUTHOR: 0x02, ACCT: 0x03 } as const;
export const Flag = { UNENCRYPTED: 0x01, SINGLE_CONNECT: 0x04 } as const;

export interface PacketHeader {
  readonly minorVersion: number;
  readonly type: number;
  readonly seqNo: number;
  readonly flags: number;
  readonly sessionId: number;
}

export interface Packet {
  readonly header: PacketHeader;
  /** The clear body (obfuscation removed). */
  readonly body: Buffer;
}

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function bad<T>(error: string): Decoded<T> {
  return { ok: false, error };
}

/**
 * §4.5: pad = MD5(session_id, key, version, seq_no) ‖ MD5(session_id, key, version, seq_no,
 * previous hash) ‖ ..., truncated to the body length; the body is XORed with it. The same
 * operation obfuscates and restores. An empty key leaves the body alone (UNENCRYPTED flag).
 */
export function obfuscate(header: PacketHeader, body: Buffer, key: string): Buffer {
  if (key === '' || body.length === 0) return Buffer.from(body);
  const prefix = Buffer.alloc(4 + Buffer.byteLength(key) + 2);
  prefix.writeUInt32BE(header.sessionId >>> 0, 0);
  prefix.write(key, 4);
  prefix[prefix.length - 2] = (MAJOR_VERSION << 4) | header.minorVersion;
  prefix[prefix.length - 1] = header.seqNo;
  const out = Buffer.alloc(body.length);
  let previous: Buffer | null = null;
  for (let at = 0; at < body.length; at += 16) {
    const hash = createHash('md5').update(prefix);
    if (previous !== null) hash.update(previous);
    previous = hash.digest();
    for (let i = 0; i < 16 && at + i < body.length; i++) out[at + i] = (body[at + i] as number) ^ (previous[i] as number);
  }
  return out;
}

/** A whole packet: header, then the body obfuscated with `key` (or clear, flagged, for ''). */
export function encodePacket(header: PacketHeader, body: Buffer, key: string): Buffer {
  const flags = key === '' ? header.flags | Flag.UNENCRYPTED : header.flags & ~Flag.UNENCRYPTED;
  const out = Buffer.alloc(HEADER_LENGTH + body.length);
  out[0] = (MAJOR_VERSION << 4) | (header.minorVersion & 0xf);
  out[1] = header.type;
  out[2] = header.seqNo;
  out[3] = flags;
  out.writeUInt32BE(header.sessionId >>> 0, 4);
  out.writeUInt32BE(body.length, 8);
  obfuscate({ ...header, flags }, body, key).copy(out, HEADER_LENGTH);
  return out;
}

export function decodeHeader(bytes: Buffer): Decoded<PacketHeader & { readonly length: number }> {
  if (bytes.length < HEADER_LENGTH) return bad('shorter than a TACACS+ header');
  const version = bytes[0] as number;
  if (version >> 4 !== MAJOR_VERSION) return bad(`major version ${version >> 4}, expected 12`);
  const length = bytes.readUInt32BE(8);
  if (length > MAX_BODY_LENGTH) return bad(`body length ${length} over ${MAX_BODY_LENGTH}`);
  return { ok: true, value: {
    minorVersion: version & 0xf, type: bytes[1] as number, seqNo: bytes[2] as number, flags: bytes[3] as number,
    sessionId: bytes.readUInt32BE(4), length,
  } };
}

/**
 * Cuts a TCP byte stream into packets and removes the obfuscation. `push` returns the packets
 * completed by `chunk`, or the first error (after which the stream is unusable: TACACS+ has no
 * way to find the next header).
 */
export class PacketReader {
  private pending: Buffer = Buffer.alloc(0);
  private failed: string | null = null;

  constructor(private readonly key: string) {}

  push(chunk: Buffer): Decoded<Packet[]> {
    if (this.failed !== null) return bad(this.failed);
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const packets: Packet[] = [];
    while (this.pending.length >= HEADER_LENGTH) {
      const header = decodeHeader(this.pending);
      if (!header.ok) {
        this.failed = header.error;
        return header;
      }
      const end = HEADER_LENGTH + header.value.length;
      if (this.pending.length < end) break;
      const wire = this.pending.subarray(HEADER_LENGTH, end);
      const { length: _length, ...fields } = header.value;
      const clear = (fields.flags & Flag.UNENCRYPTED) !== 0;
      if (clear && this.key !== '') {
        this.failed = 'unobfuscated packet while a key is configured';
        return bad(this.failed);
      }
      packets.push({ header: fields, body: clear ? Buffer.from(wire) : obfuscate(fields, wire, this.key) });
      this.pending = this.pending.subarray(end);
    }
    return { ok: true, value: packets };
  }
}
