/**
 * The outlet protocol (issue 12): request and reply lines as documented in outlet-protocol.ts,
 * and the decoder under property tests: any chunking of a stream decodes the same, hostile bytes
 * never throw, a line too long is dropped, and what the strip encodes the client decodes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAt } from '../../test/support/split-at.js';
import {
  encodeReply, encodeRequest, LineSplitter, MAX_LINE_BYTES, OutletReplyDecoder, parseReplyLine, parseRequestLine,
  type OutletReply,
} from './outlet-protocol.js';

const decodeAll = (chunks: readonly Buffer[]): OutletReply[] => {
  const decoder = new OutletReplyDecoder();
  return chunks.flatMap((c) => decoder.push(c));
};

describe('requests', () => {
  it.each([
    [{ kind: 'status', outlet: null } as const, 'STATUS\r'],
    [{ kind: 'status', outlet: 3 } as const, 'STATUS 3\r'],
    [{ kind: 'switch', action: 'CYCLE', outlet: 12 } as const, 'CYCLE 12\r'],
  ])('%j goes out as %j and the strip reads it back', (request, wire) => {
    expect(encodeRequest(request).toString('latin1')).toBe(wire);
    expect(parseRequestLine(wire.trim())).toEqual(request);
  });

  it.each([
    ['status', { kind: 'status', outlet: null }],
    ['  off   2 ', { kind: 'switch', action: 'OFF', outlet: 2 }],
    ['', null],
    ['ON', { kind: 'invalid', text: 'ON needs an outlet' }],
    ['ON x', { kind: 'invalid', text: 'bad outlet X' }],
    ['ON 0', { kind: 'invalid', text: 'bad outlet 0' }],
    ['ON 1 2', { kind: 'invalid', text: 'too many words' }],
    ['REBOOT 1', { kind: 'invalid', text: 'unknown command' }],
  ])('the strip reads %j as %j', (line, parsed) => {
    expect(parseRequestLine(line)).toEqual(parsed);
  });
});

describe('replies', () => {
  it.each([
    ['OUTLET 7 CYCLING', { kind: 'outlet', outlet: 7, state: 'CYCLING' }],
    ['OK', { kind: 'ok' }],
    ['ERR bad outlet 9: 1-8', { kind: 'err', text: 'bad outlet 9: 1-8' }],
    ['ON 7', null], ['OUTLET 0 ON', null], ['OUTLET 7 MAYBE', null], ['spc> STATUS', null], ['OKAY', null],
  ])('the client reads %j as %j (echo and noise are not replies)', (line, reply) => {
    expect(parseReplyLine(line)).toEqual(reply);
  });

  it('an answer with the echo of its request in front, CR LF or bare LF', () => {
    expect(decodeAll([Buffer.from('STATUS\r\nOUTLET 1 ON\r\nOUTLET 2 OFF\nOK\r\n')])).toEqual([
      { kind: 'outlet', outlet: 1, state: 'ON' }, { kind: 'outlet', outlet: 2, state: 'OFF' }, { kind: 'ok' },
    ]);
  });

  it('a line longer than the limit is dropped whole, and the next line is read', () => {
    const long = `OUTLET 1 ON${' '.repeat(MAX_LINE_BYTES)}`;
    expect(decodeAll([Buffer.from(`${long}\r\nOK\r\n`)])).toEqual([{ kind: 'ok' }]);
    expect(new LineSplitter(4).push(Buffer.from('12345\r\nab\r\n'))).toEqual([null, 'ab']);
  });
});

const replyArb: fc.Arbitrary<OutletReply> = fc.oneof(
  fc.record({ kind: fc.constant('outlet' as const), outlet: fc.integer({ min: 1, max: 999 }), state: fc.constantFrom('ON' as const, 'OFF' as const, 'CYCLING' as const) }),
  fc.constant({ kind: 'ok' as const }),
  fc.record({ kind: fc.constant('err' as const), text: fc.stringMatching(/^[a-z0-9 :-]{1,40}$/).map((t) => t.trim()).filter((t) => t !== '') }),
);
const noise = fc.constantFrom('STATUS', 'ON 3', 'spc> ', '', 'hello', '\x1b[2J');

describe('the decoder under property tests', () => {
  it('decodes what the strip encodes, with noise lines between, however the stream is cut', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(noise, replyArb), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(),
      (pairs, cuts, bareLf) => {
        const text = pairs.map(([n, r]) => `${n}\r\n${encodeReply(r)}`).join('');
        const wire = Buffer.from(bareLf ? text.replace(/\r\n/g, '\n') : text, 'latin1');
        expect(decodeAll(splitAt(wire, cuts))).toEqual(pairs.map(([, r]) => r));
      },
    ), { numRuns: 2000 });
  });

  it('never throws on hostile bytes, and chunking never changes the result', () => {
    const byte = fc.oneof(fc.constantFrom(13, 10, 0, 32, ...Buffer.from('OUTLETOKERR0123456789 ')), fc.integer({ min: 0, max: 255 }));
    fc.assert(fc.property(fc.array(byte, { maxLength: 300 }), fc.array(fc.nat(), { maxLength: 10 }), (bytes, cuts) => {
      const wire = Buffer.from(bytes);
      const whole = decodeAll([wire]);
      expect(decodeAll(splitAt(wire, cuts))).toEqual(whole);
      for (const reply of whole) expect(['outlet', 'ok', 'err']).toContain(reply.kind);
    }), { numRuns: 5000 });
  });

  it('the line splitter gives exactly the lines sent, whatever the line ends (CR, LF, CR LF, CR NUL) and the cuts', () => {
    const line = fc.stringMatching(/^[ -~]{0,20}$/);
    const end = fc.constantFrom('\r', '\n', '\r\n', '\r\0');
    // A bare CR then an empty line ended by LF is one CR LF on the wire: not two lines.
    const unambiguous = (lines: [string, string][]) => lines.every(([l, e], i) => !(i > 0 && lines[i - 1]![1] === '\r' && l === '' && e.startsWith('\n')));
    fc.assert(fc.property(fc.array(fc.tuple(line, end), { maxLength: 10 }).filter(unambiguous), fc.array(fc.nat(), { maxLength: 8 }), (lines, cuts) => {
      const wire = Buffer.from(lines.map(([l, e]) => l + e).join(''), 'latin1');
      const splitter = new LineSplitter(32);
      expect(splitAt(wire, cuts).flatMap((c) => splitter.push(c))).toEqual(lines.map(([l]) => l));
    }), { numRuns: 3000 });
  });

  it('the line splitter never holds more than its limit', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), (chunks) => {
      const splitter = new LineSplitter(16);
      for (const chunk of chunks) {
        for (const line of splitter.push(chunk)) if (line !== null) expect(line.length).toBeLessThanOrEqual(16);
      }
    }), { numRuns: 2000 });
  });
});
