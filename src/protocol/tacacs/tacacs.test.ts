/**
 * TACACS+ codec (RFC 8907): header, MD5-pad obfuscation (§4.5, checked against the RFC's
 * definition written out here), bodies round-trip, and the reader cut at every byte boundary.
 * tacacs.fuzz.test.ts throws hostile bytes at it.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAt } from '../../../test/support/split-at.js';
import {
  AuthenStatus, decodeAuthenContinue, decodeAuthenReply, decodeAuthenStart, encodeAuthenContinue, encodeAuthenReply,
  encodeAuthenStart,
} from './tacacs-authen.js';
import { decodeAuthorRequest, decodeAuthorResponse, encodeAuthorRequest, encodeAuthorResponse, parseArg } from './tacacs-author.js';
import { decodeHeader, encodePacket, Flag, obfuscate, PacketReader, PacketType, type PacketHeader } from './tacacs-packet.js';

const header: PacketHeader = { minorVersion: 1, type: PacketType.AUTHEN, seqNo: 1, flags: 0, sessionId: 0xdeadbeef };

describe('obfuscation (§4.5)', () => {
  it('XORs the body with MD5(session_id, key, version, seq_no[, previous hash]) blocks', () => {
    const body = Buffer.from('a body that is longer than two MD5 blocks, 40+ bytes');
    const prefix = Buffer.concat([Buffer.from([0xde, 0xad, 0xbe, 0xef]), Buffer.from('k3y'), Buffer.from([0xc1, 1])]);
    const pad: Buffer[] = [];
    let previous = Buffer.alloc(0);
    while (Buffer.concat(pad).length < body.length) {
      previous = createHash('md5').update(prefix).update(previous).digest();
      pad.push(previous);
    }
    const expected = Buffer.from(body.map((b, i) => b ^ (Buffer.concat(pad)[i] as number)));
    expect(obfuscate(header, body, 'k3y')).toEqual(expected);
    expect(obfuscate(header, expected, 'k3y')).toEqual(body);
  });

  it('an empty key sends the body clear with the UNENCRYPTED flag', () => {
    const packet = encodePacket(header, Buffer.from('clear'), '');
    expect(packet[3]! & Flag.UNENCRYPTED).toBe(Flag.UNENCRYPTED);
    expect(packet.subarray(12).toString()).toBe('clear');
  });
});

describe('packets and bodies', () => {
  it('the header says version 0xc1, type, seq, session and length', () => {
    const packet = encodePacket(header, Buffer.alloc(5), 'key');
    expect([...packet.subarray(0, 12)]).toEqual([0xc1, 1, 1, 0, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 5]);
    expect(decodeHeader(packet)).toEqual({ ok: true, value: { ...header, length: 5 } });
  });

  it('bodies round-trip', () => {
    const start = { action: 1, privLvl: 1, authenType: 2, service: 1, user: 'jdoe', port: 'ccmd', remAddr: '10.0.0.1', data: Buffer.from('pw') };
    expect(decodeAuthenStart(encodeAuthenStart(start))).toEqual({ ok: true, value: start });
    const reply = { status: AuthenStatus.GETPASS, flags: 1, serverMsg: 'Password: ', data: Buffer.alloc(0) };
    expect(decodeAuthenReply(encodeAuthenReply(reply))).toEqual({ ok: true, value: reply });
    const cont = { userMsg: 'secret', data: Buffer.alloc(0), flags: 0 };
    expect(decodeAuthenContinue(encodeAuthenContinue(cont))).toEqual({ ok: true, value: cont });
    const request = { authenMethod: 6, privLvl: 1, authenType: 1, service: 1, user: 'jdoe', port: 'ccmd', remAddr: '', args: ['service=ccmd', 'cmd*'] };
    expect(decodeAuthorRequest(encodeAuthorRequest(request))).toEqual({ ok: true, value: request });
    const response = { status: 1, serverMsg: '', data: '', args: ['ccmd-access=P1-4,SMON', 'idle*5'] };
    expect(decodeAuthorResponse(encodeAuthorResponse(response))).toEqual({ ok: true, value: response });
  });

  it('arguments: = mandatory, * optional, no separator is not an argument', () => {
    expect(parseArg('ccmd-access=P1-4,SMON')).toEqual({ name: 'ccmd-access', value: 'P1-4,SMON', mandatory: true });
    expect(parseArg('idle*5')).toEqual({ name: 'idle', value: '5', mandatory: false });
    expect(parseArg('novalue')).toBeNull();
    expect(parseArg('=x')).toBeNull();
  });

  it('a body shorter or longer than its fields is an error', () => {
    const reply = encodeAuthenReply({ status: 1, flags: 0, serverMsg: 'hello', data: Buffer.alloc(0) });
    expect(decodeAuthenReply(reply.subarray(0, reply.length - 1))).toEqual({ ok: false, error: 'authentication REPLY: body shorter than its fields' });
    expect(decodeAuthenReply(Buffer.concat([reply, Buffer.from('x')]))).toEqual({ ok: false, error: 'authentication REPLY: 1 bytes after its fields' });
  });

  it('the reader yields the same packets however the stream is cut', () => {
    const packets = [encodePacket(header, Buffer.from('first'), 'key'), encodePacket({ ...header, seqNo: 3 }, Buffer.from('second body'), 'key')];
    const stream = Buffer.concat(packets);
    fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 6 }), (cuts) => {
      const reader = new PacketReader('key');
      const bodies: string[] = [];
      for (const chunk of splitAt(stream, cuts)) {
        const read = reader.push(chunk);
        if (!read.ok) throw new Error(read.error);
        bodies.push(...read.value.map((p) => p.body.toString()));
      }
      expect(bodies).toEqual(['first', 'second body']);
    }));
  });

  it('the reader refuses a clear packet when it holds a key, and a huge length', () => {
    expect(new PacketReader('key').push(encodePacket(header, Buffer.from('x'), ''))).toMatchObject({ ok: false });
    const huge = encodePacket(header, Buffer.alloc(0), 'key');
    huge.writeUInt32BE(0x7fffffff, 8);
    expect(new PacketReader('key').push(huge)).toEqual({ ok: false, error: 'body length 2147483647 over 65535' });
  });
});
