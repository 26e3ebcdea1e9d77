/**
 * Property tests for the Telnet codec: hostile input never throws or hangs, data survives
 * encodeData → receive byte-exact in BINARY mode, and random negotiation requests always settle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAt } from '../../../test/support/split-at.js';
import { TelnetCodec, SERVER_POLICY, type TelnetEvent } from './codec.js';
import { DO, DONT, IAC, SB, SE, TelnetOption, WILL, WONT, type OptionSide } from './constants.js';

const INTERESTING = [IAC, IAC, IAC, SB, SE, WILL, WONT, DO, DONT, 243, 244, 246, 247, 248, 13, 10, 0,
  TelnetOption.NAWS, TelnetOption.BINARY, TelnetOption.ECHO, TelnetOption.SGA];
/** Bytes biased toward the protocol's special values, so IAC/SB/SE sequences are common. */
const biasedByte = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INTERESTING) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
const stream = fc.array(biasedByte, { maxLength: 48 }).map((a) => Buffer.from(a));

function binaryCodec(): TelnetCodec {
  const codec = new TelnetCodec();
  codec.initialNegotiation();
  codec.receive(Buffer.from([IAC, WILL, TelnetOption.BINARY, IAC, DO, TelnetOption.BINARY]));
  return codec;
}

describe('Telnet codec under fuzzing', () => {
  it('never throws on 100,000 hostile streams, and its events stay well-formed', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 4 }), (input, cuts) => {
        const codec = new TelnetCodec();
        codec.initialNegotiation();
        let dataBytes = 0;
        for (const part of splitAt(input, cuts)) {
          for (const event of codec.receive(part)) {
            if (event.type === 'data') {
              if (event.data.length === 0) return false;
              dataBytes += event.data.length;
            } else if (event.type === 'resize' && (event.columns <= 0 || event.rows <= 0)) {
              return false;
            }
          }
        }
        // Each data byte needs an input byte, except IP/EC/EL which turn 2 bytes into 1.
        return dataBytes <= input.length;
      }),
      { numRuns: 100_000 },
    );
  });

  it('round-trips any data byte-exact through encodeData → receive in BINARY mode', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.array(fc.nat(), { maxLength: 4 }), (raw, cuts) => {
        const data = Buffer.from(raw);
        const sender = binaryCodec();
        const receiver = binaryCodec();
        const got: Buffer[] = [];
        for (const part of splitAt(sender.encodeData(data), cuts)) {
          for (const e of receiver.receive(part)) if (e.type === 'data') got.push(Buffer.from(e.data));
        }
        expect(Buffer.concat(got)).toEqual(data);
      }),
      { numRuns: 20_000 },
    );
  });

  it('random option requests on both ends always settle and end in agreement', () => {
    const options = [TelnetOption.BINARY, TelnetOption.ECHO, TelnetOption.SGA, TelnetOption.NAWS, 24];
    const request = fc.record({
      by: fc.constantFrom('a', 'b'),
      option: fc.constantFrom(...options),
      side: fc.constantFrom<OptionSide>('local', 'remote'),
      enable: fc.boolean(),
      deliver: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 20 }), (requests) => {
        const a = new TelnetCodec(SERVER_POLICY);
        const b = new TelnetCodec({ acceptLocal: [1, 3, 31], acceptRemote: [0, 1, 3], requestLocal: [31], requestRemote: [1] });
        const toB: Buffer[] = [a.initialNegotiation()];
        const toA: Buffer[] = [b.initialNegotiation()];
        const sent = (events: TelnetEvent[]): Buffer[] => events.flatMap((e) => (e.type === 'send' ? [e.data] : []));
        const deliver = (): void => {
          const forA = Buffer.concat(toA.splice(0));
          const forB = Buffer.concat(toB.splice(0));
          toA.push(...sent(b.receive(forB)));
          toB.push(...sent(a.receive(forA)));
        };
        for (const r of requests) {
          const [self, queue] = r.by === 'a' ? [a, toB] : [b, toA];
          queue.push(...sent(self.request(r.option, r.side, r.enable)));
          if (r.deliver) deliver();
        }
        let rounds = 0;
        while (toA.some((x) => x.length > 0) || toB.some((x) => x.length > 0)) {
          expect(++rounds).toBeLessThan(10);
          deliver();
        }
        for (const option of options) {
          expect(a.isEnabled(option, 'local')).toBe(b.isEnabled(option, 'remote'));
          expect(a.isEnabled(option, 'remote')).toBe(b.isEnabled(option, 'local'));
        }
      }),
      { numRuns: 5_000 },
    );
  });
});
