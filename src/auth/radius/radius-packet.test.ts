/**
 * Issue 15: the RADIUS answer check (RFC 2865 §3 Response Authenticator, RFC 3579 §3.2
 * Message-Authenticator on every answer). Answers are built here with the `radius` package's
 * own response encoder, then tampered with; fuzzing shows no input throws or is accepted
 * without the right digests.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import radius from 'radius';
import { describe, expect, it } from 'vitest';
import { accessRequest, readAnswer } from './radius-packet.js';

const SECRET = 'radius-secret-1';
const request = accessRequest({ user: 'alice', password: 'alice-pass', secret: SECRET, identifier: 42, nasIdentifier: 'ccmd' });

function answer(code: 'Access-Accept' | 'Access-Reject' | 'Access-Challenge', attributes: [string, string][] = [], secret = SECRET): Buffer {
  const decoded = radius.decode({ packet: request, secret: SECRET });
  return radius.encode_response({ packet: decoded, code, secret, attributes });
}

describe('Access-Request', () => {
  it('carries the user, a hidden password and a Message-Authenticator the package verifies', () => {
    const decoded = radius.decode({ packet: request, secret: SECRET });
    expect(decoded.attributes['User-Name']).toBe('alice');
    expect(decoded.attributes['User-Password']).toBe('alice-pass');
    expect(request.includes(Buffer.from('alice-pass'))).toBe(false);
    expect((decoded.attributes['Message-Authenticator'] as Buffer).length).toBe(16);
  });
});

describe('readAnswer', () => {
  it('accepts a signed Access-Accept and returns its Filter-Ids', () => {
    const accept = answer('Access-Accept', [['Filter-Id', 'ccmd:P1-4,SMON'], ['Filter-Id', 'vpn']]);
    expect(readAnswer(accept, request, SECRET)).toEqual({ ok: true, code: 'accept', filterIds: ['ccmd:P1-4,SMON', 'vpn'] });
    expect(readAnswer(answer('Access-Reject'), request, SECRET)).toEqual({ ok: true, code: 'reject', filterIds: [] });
    expect(readAnswer(answer('Access-Challenge'), request, SECRET)).toMatchObject({ ok: true, code: 'challenge' });
  });

  it('drops an answer signed with another secret', () => {
    expect(readAnswer(answer('Access-Accept', [], 'other-secret'), request, SECRET))
      .toEqual({ ok: false, reason: 'bad Response Authenticator (wrong secret?)' });
  });

  it('drops an answer without a Message-Authenticator, even with a right Response Authenticator', () => {
    const decoded = radius.decode({ packet: request, secret: SECRET });
    const unsigned = radius.encode({ code: 'Access-Accept', identifier: decoded.identifier, authenticator: decoded.authenticator,
      secret: SECRET, attributes: [['Filter-Id', 'ccmd:ADMIN']], add_message_authenticator: false });
    // Response Authenticator = MD5(code, id, length, request authenticator, attributes, secret).
    request.copy(unsigned, 4, 4, 20);
    createHash('md5').update(unsigned).update(SECRET).digest().copy(unsigned, 4);
    expect(readAnswer(unsigned, request, SECRET)).toEqual({ ok: false, reason: 'no Message-Authenticator' });
  });

  it('drops an answer with a wrong Message-Authenticator, even with a right Response Authenticator (BlastRADIUS)', () => {
    const forged = Buffer.from(answer('Access-Accept', [['Filter-Id', 'ccmd:ADMIN']]));
    const at = forged.indexOf(Buffer.from([80, 18]), 20) + 2; // Message-Authenticator: type 80, length 18
    forged.fill(0x5a, at, at + 16);
    request.copy(forged, 4, 4, 20);
    createHash('md5').update(forged).update(SECRET).digest().copy(forged, 4);
    expect(readAnswer(forged, request, SECRET)).toEqual({ ok: false, reason: 'bad Message-Authenticator (wrong secret?)' });
  });

  it('drops an answer whose attributes were changed after signing (Message-Authenticator and authenticator)', () => {
    const accept = answer('Access-Accept', [['Filter-Id', 'ccmd:P1']]);
    const forged = Buffer.from(accept);
    forged[forged.indexOf(Buffer.from('P1')) + 1] = '9'.charCodeAt(0);
    expect(readAnswer(forged, request, SECRET).ok).toBe(false);
  });

  it('drops an answer to another request', () => {
    const other = accessRequest({ user: 'alice', password: 'alice-pass', secret: SECRET, identifier: 43, nasIdentifier: 'ccmd' });
    expect(readAnswer(answer('Access-Accept'), other, SECRET)).toEqual({ ok: false, reason: 'answer to another request (identifier)' });
  });

  it('never throws and never accepts random or mangled bytes (fuzz)', () => {
    const good = answer('Access-Accept', [['Filter-Id', 'ccmd:P1-4,SMON']]);
    fc.assert(fc.property(
      fc.oneof(
        fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
        fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 }))
          .map(([at, xor]) => { const b = Buffer.from(good); b[at] = (b[at] as number) ^ xor; return b; }),
        fc.nat({ max: good.length - 1 }).map((n) => good.subarray(0, n)),
      ),
      (bytes) => {
        const result = readAnswer(bytes, request, SECRET);
        expect(result.ok).toBe(false);
      },
    ), { numRuns: 3000 });
  });
});
