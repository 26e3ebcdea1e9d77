import { describe, expect, it } from 'vitest';
import { TelnetCodec, SERVER_POLICY, type TelnetEvent, type TelnetPolicy } from './codec.js';
import { AYT, BRK, DO, DONT, EC, EL, IAC, IP, NOP, SB, SE, TelnetOption, WILL, WONT } from './constants.js';

const { BINARY, ECHO, SGA, NAWS } = TelnetOption;

function dataOf(events: TelnetEvent[]): Buffer {
  return Buffer.concat(events.flatMap((e) => (e.type === 'data' ? [e.data] : [])));
}
function sentOf(events: TelnetEvent[]): number[] {
  return events.flatMap((e) => (e.type === 'send' ? [...e.data] : []));
}
function bytes(...parts: (number | string)[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'number' ? Buffer.from([p]) : Buffer.from(p, 'latin1'))));
}
/** A server codec that has finished its opening negotiation with an agreeable client. */
function negotiated(extra: Buffer = Buffer.alloc(0)): TelnetCodec {
  const codec = new TelnetCodec();
  codec.initialNegotiation();
  codec.receive(Buffer.concat([bytes(IAC, DO, ECHO, IAC, DO, SGA, IAC, WILL, SGA, IAC, WILL, NAWS), extra]));
  return codec;
}

describe('opening negotiation (SPEC §2)', () => {
  it('offers WILL ECHO, WILL SGA and asks DO SGA, DO NAWS', () => {
    const codec = new TelnetCodec();
    expect([...codec.initialNegotiation()]).toEqual([IAC, WILL, ECHO, IAC, WILL, SGA, IAC, DO, SGA, IAC, DO, NAWS]);
  });

  it('does not answer the replies to its own requests (no loops)', () => {
    const codec = new TelnetCodec();
    codec.initialNegotiation();
    const events = codec.receive(bytes(IAC, DO, ECHO, IAC, DO, SGA, IAC, WILL, SGA, IAC, WILL, NAWS));
    expect(sentOf(events)).toEqual([]);
    expect(codec.isEnabled(ECHO, 'local')).toBe(true);
    expect(codec.isEnabled(NAWS, 'remote')).toBe(true);
    expect(events.filter((e) => e.type === 'option')).toHaveLength(4);
  });

  it('a refused request leaves the option off and is not re-asked', () => {
    const codec = new TelnetCodec();
    codec.initialNegotiation();
    const events = codec.receive(bytes(IAC, WONT, NAWS, IAC, DONT, ECHO));
    expect(sentOf(events)).toEqual([]);
    expect(codec.isEnabled(NAWS, 'remote')).toBe(false);
    expect(codec.isEnabled(ECHO, 'local')).toBe(false);
  });
});

describe('option requests from the peer', () => {
  it('accepts BINARY both ways', () => {
    const codec = negotiated();
    expect(sentOf(codec.receive(bytes(IAC, WILL, BINARY, IAC, DO, BINARY)))).toEqual([IAC, DO, BINARY, IAC, WILL, BINARY]);
    expect(codec.isEnabled(BINARY, 'remote')).toBe(true);
    expect(codec.isEnabled(BINARY, 'local')).toBe(true);
  });

  it('refuses unknown options with DONT / WONT', () => {
    const codec = negotiated();
    expect(sentOf(codec.receive(bytes(IAC, WILL, 24, IAC, DO, 34)))).toEqual([IAC, DONT, 24, IAC, WONT, 34]);
    expect(codec.isEnabled(24, 'remote')).toBe(false);
  });

  it('refuses to let the client echo (the server echoes)', () => {
    expect(sentOf(negotiated().receive(bytes(IAC, WILL, ECHO)))).toEqual([IAC, DONT, ECHO]);
  });

  it('acknowledges a WONT for an enabled option once, and ignores a repeat', () => {
    const codec = negotiated();
    expect(sentOf(codec.receive(bytes(IAC, WONT, SGA)))).toEqual([IAC, DONT, SGA]);
    expect(sentOf(codec.receive(bytes(IAC, WONT, SGA)))).toEqual([]);
  });

  it('ignores a WILL for an option already on', () => {
    expect(sentOf(negotiated().receive(bytes(IAC, WILL, SGA)))).toEqual([]);
  });

  it('reports option changes as events', () => {
    const events = negotiated().receive(bytes(IAC, WILL, BINARY));
    expect(events).toContainEqual({ type: 'option', option: BINARY, side: 'remote', enabled: true });
  });
});

describe('requests made later (RFC 1143 queue)', () => {
  it('asking to disable then enable while waiting sends one DONT and queues the DO', () => {
    const codec = negotiated();
    expect(sentOf(codec.request(NAWS, 'remote', false))).toEqual([IAC, DONT, NAWS]);
    expect(sentOf(codec.request(NAWS, 'remote', true))).toEqual([]);
    // The WONT answering our DONT now triggers the queued DO.
    expect(sentOf(codec.receive(bytes(IAC, WONT, NAWS)))).toEqual([IAC, DO, NAWS]);
    codec.receive(bytes(IAC, WILL, NAWS));
    expect(codec.isEnabled(NAWS, 'remote')).toBe(true);
  });
});

describe('commands', () => {
  it('IAC BRK is a break event in stream order', () => {
    const events = negotiated().receive(bytes('ab', IAC, BRK, 'c'));
    expect(events.map((e) => e.type)).toEqual(['data', 'break', 'data']);
  });

  it('AYT is answered', () => {
    expect(Buffer.from(sentOf(negotiated().receive(bytes(IAC, AYT)))).toString()).toContain('[ccmd] yes');
  });

  it('IP, EC and EL become ^C, DEL and ^U', () => {
    expect([...dataOf(negotiated().receive(bytes(IAC, IP, IAC, EC, IAC, EL)))]).toEqual([0x03, 0x7f, 0x15]);
  });

  it('NOP is dropped', () => {
    expect(dataOf(negotiated().receive(bytes('a', IAC, NOP, 'b'))).toString()).toBe('ab');
  });
});

describe('data', () => {
  it('IAC IAC is one 0xFF', () => {
    expect([...dataOf(negotiated().receive(bytes(1, IAC, IAC, 2)))]).toEqual([1, 0xff, 2]);
  });

  it('hands out subarrays of the chunk (zero-copy)', () => {
    const chunk = bytes('hello');
    const [event] = negotiated().receive(chunk);
    expect(event?.type === 'data' && event.data.buffer === chunk.buffer).toBe(true);
  });

  it('CR NUL becomes CR in non-binary mode, CR LF is kept', () => {
    expect(dataOf(negotiated().receive(bytes('a', 13, 0, 'b', 13, 10))).toString('latin1')).toBe('a\rb\r\n');
  });

  it('CR NUL split across chunks still drops the NUL', () => {
    const codec = negotiated();
    expect(dataOf(codec.receive(bytes('a', 13))).toString()).toBe('a\r');
    expect([...dataOf(codec.receive(bytes(0, 'b')))]).toEqual([0x62]);
  });

  it('a NUL not after CR is data', () => {
    expect([...dataOf(negotiated().receive(bytes(0, 'a', 0)))]).toEqual([0, 0x61, 0]);
  });

  it('in BINARY mode CR NUL is passed through', () => {
    const codec = negotiated(bytes(IAC, WILL, BINARY));
    expect([...dataOf(codec.receive(bytes(13, 0)))]).toEqual([13, 0]);
  });
});

describe('subnegotiation', () => {
  it('NAWS gives a resize', () => {
    expect(negotiated().receive(bytes(IAC, SB, NAWS, 0, 132, 0, 43, IAC, SE))).toContainEqual({ type: 'resize', columns: 132, rows: 43 });
  });

  it('NAWS with doubled 255 is un-escaped', () => {
    expect(negotiated().receive(bytes(IAC, SB, NAWS, 0, IAC, IAC, 0, 24, IAC, SE))).toContainEqual({ type: 'resize', columns: 255, rows: 24 });
  });

  it.each([
    ['7-byte NAWS (the telnetlib crash)', [0, 80, 0, 24, 1, 2, 3]],
    ['3-byte NAWS', [0, 80, 0]],
    ['zero size', [0, 0, 0, 24]],
  ])('ignores %s', (_name, body) => {
    const codec = negotiated();
    const events = codec.receive(bytes(IAC, SB, NAWS, ...body, IAC, SE, 'x'));
    expect(events.filter((e) => e.type === 'resize')).toEqual([]);
    expect(dataOf(events).toString()).toBe('x');
  });

  it('ignores NAWS when the client never agreed to NAWS', () => {
    const codec = new TelnetCodec();
    expect(codec.receive(bytes(IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE)).filter((e) => e.type === 'resize')).toEqual([]);
  });

  it('discards an overlong subnegotiation and resumes data after IAC SE', () => {
    const codec = negotiated();
    const events = codec.receive(bytes(IAC, SB, NAWS, ...new Array(1000).fill(1), IAC, SE, 'ok'));
    expect(events.filter((e) => e.type === 'resize')).toEqual([]);
    expect(dataOf(events).toString()).toBe('ok');
  });

  it('an IAC command inside SB ends the subnegotiation and is obeyed', () => {
    const events = negotiated().receive(bytes(IAC, SB, NAWS, 0, 80, IAC, BRK, 'z'));
    expect(events.map((e) => e.type)).toEqual(['break', 'data']);
  });
});

describe('encodeData', () => {
  it('returns the same buffer when there is no 0xFF', () => {
    const buf = bytes('plain text');
    expect(new TelnetCodec().encodeData(buf)).toBe(buf);
  });

  it('doubles every 0xFF', () => {
    expect([...new TelnetCodec().encodeData(bytes(IAC, 1, IAC, IAC))]).toEqual([IAC, IAC, 1, IAC, IAC, IAC, IAC]);
  });
});

describe('split at every offset', () => {
  const stream = bytes('x', IAC, WILL, BINARY, 'a', 13, 0, 'b', IAC, IAC, IAC, SB, NAWS, 0, 100, 0, 30, IAC, SE,
    IAC, BRK, 'c', 13, 10, IAC, DO, 99, 'd');
  const whole = negotiated().receive(stream);

  it.each(Array.from({ length: stream.length - 1 }, (_, i) => i + 1))('split at %i gives the same result', (at) => {
    const codec = negotiated();
    const events = [...codec.receive(stream.subarray(0, at)), ...codec.receive(stream.subarray(at))];
    expect(dataOf(events)).toEqual(dataOf(whole));
    expect(sentOf(events)).toEqual(sentOf(whole));
    expect(events.filter((e) => e.type !== 'data' && e.type !== 'send')).toEqual(whole.filter((e) => e.type !== 'data' && e.type !== 'send'));
  });
});

/** A client-like policy: it lets the server echo, offers NAWS, and also asks for BINARY. */
const CLIENT_POLICY: TelnetPolicy = {
  acceptLocal: [SGA, NAWS, BINARY],
  acceptRemote: [ECHO, SGA, BINARY],
  requestLocal: [NAWS, BINARY, SGA],
  requestRemote: [ECHO, SGA, BINARY],
};

/** Delivers `send` events between two codecs until neither has anything to say. */
function settle(a: TelnetCodec, b: TelnetCodec, first: [Buffer, Buffer], maxRounds = 20): number {
  let toB = first[0];
  let toA = first[1];
  let rounds = 0;
  while (toA.length > 0 || toB.length > 0) {
    if (++rounds > maxRounds) throw new Error('negotiation did not settle');
    const fromB = Buffer.from(sentOf(b.receive(toB)));
    const fromA = Buffer.from(sentOf(a.receive(toA)));
    toA = fromB;
    toB = fromA;
  }
  return rounds;
}

describe('loop freedom', () => {
  it('server and client settle and agree on every option', () => {
    const server = new TelnetCodec(SERVER_POLICY);
    const client = new TelnetCodec(CLIENT_POLICY);
    expect(settle(server, client, [server.initialNegotiation(), client.initialNegotiation()])).toBeLessThanOrEqual(3);
    for (const option of [BINARY, ECHO, SGA, NAWS]) {
      expect(server.isEnabled(option, 'local')).toBe(client.isEnabled(option, 'remote'));
      expect(server.isEnabled(option, 'remote')).toBe(client.isEnabled(option, 'local'));
    }
    expect(server.isEnabled(BINARY, 'remote') && server.isEnabled(NAWS, 'remote') && server.isEnabled(ECHO, 'local')).toBe(true);
  });

  it('two servers (both wanting to echo) settle without looping', () => {
    const a = new TelnetCodec();
    const b = new TelnetCodec();
    settle(a, b, [a.initialNegotiation(), b.initialNegotiation()]);
    expect(a.isEnabled(ECHO, 'local')).toBe(false);
    expect(a.isEnabled(SGA, 'local') && a.isEnabled(SGA, 'remote')).toBe(true);
  });
});
