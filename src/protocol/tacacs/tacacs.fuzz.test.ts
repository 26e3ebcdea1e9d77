/**
 * Issue 15: hostile bytes at the TACACS+ codec. Whatever arrives (random, a valid packet with
 * bytes flipped, valid packets under a wrong key, cut anywhere), the reader and the body
 * decoders return results and never throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAt } from '../../../test/support/split-at.js';
import { decodeAuthenContinue, decodeAuthenReply, decodeAuthenStart, encodeAuthenReply } from './tacacs-authen.js';
import { decodeAuthorRequest, decodeAuthorResponse, encodeAuthorResponse } from './tacacs-author.js';
import { encodePacket, PacketReader, PacketType } from './tacacs-packet.js';

const DECODERS = [decodeAuthenStart, decodeAuthenReply, decodeAuthenContinue, decodeAuthorRequest, decodeAuthorResponse];

const validStream = Buffer.concat([
  encodePacket({ minorVersion: 0, type: PacketType.AUTHEN, seqNo: 2, flags: 0, sessionId: 7 },
    encodeAuthenReply({ status: 5, flags: 1, serverMsg: 'Password: ', data: Buffer.alloc(0) }), 'key'),
  encodePacket({ minorVersion: 0, type: PacketType.AUTHOR, seqNo: 2, flags: 0, sessionId: 8 },
    encodeAuthorResponse({ status: 1, serverMsg: '', data: '', args: ['ccmd-access=P1-4'] }), 'key'),
]);

const hostile = fc.oneof(
  fc.uint8Array({ maxLength: 120 }).map((a) => Buffer.from(a)),
  fc.tuple(fc.nat({ max: validStream.length - 1 }), fc.integer({ min: 1, max: 255 }))
    .map(([at, xor]) => { const b = Buffer.from(validStream); b[at] = (b[at] as number) ^ xor; return b; }),
  fc.uint8Array({ maxLength: 60 }).map((a) => Buffer.concat([Buffer.from([0xc0, 1, 2, 0, 0, 0, 0, 1, 0, 0, 0, a.length]), Buffer.from(a)])),
);

describe('TACACS+ codec under hostile input', () => {
  it('the reader and every body decoder return results, never throw', () => {
    fc.assert(fc.property(hostile, fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom('key', 'other', ''), (bytes, cuts, key) => {
      const reader = new PacketReader(key);
      for (const chunk of splitAt(bytes, cuts)) {
        const read = reader.push(chunk);
        expect(typeof read.ok).toBe('boolean');
        if (!read.ok) break;
        for (const packet of read.value) for (const decode of DECODERS) expect(typeof decode(packet.body).ok).toBe('boolean');
      }
      for (const decode of DECODERS) expect(typeof decode(bytes).ok).toBe('boolean');
    }), { numRuns: 1000 });
  });

  it('valid packets under a wrong key do not decode to the right bodies', () => {
    const read = new PacketReader('wrong').push(validStream);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const first = decodeAuthenReply(read.value[0]?.body ?? Buffer.alloc(0));
    expect(first.ok && first.value.serverMsg === 'Password: ').toBe(false);
  });
});
