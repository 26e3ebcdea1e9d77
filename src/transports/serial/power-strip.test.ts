/**
 * The simulated power strip (issue 12): what it answers to each request of the outlet protocol,
 * its echo, CYCLE's off period on the injected clock, and the device wrapper's SerialDevice
 * contract (asynchronous output, nothing while closed, cycles finished when closed).
 */
import { describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.js';
import { PowerStrip } from './power-strip.js';
import { PowerStripDevice } from './power-strip-device.js';

function strip(outlets = 4, cycleMs = 1000) {
  const clock = new FakeClock();
  const out: string[] = [];
  const s = new PowerStrip({ outlets, cycleMs, clock, send: (b) => out.push(b.toString('latin1')) });
  const say = (text: string): string => {
    out.length = 0;
    s.input(Buffer.from(text, 'latin1'));
    return out.join('');
  };
  return { s, clock, say };
}

describe('PowerStrip', () => {
  it('starts with every outlet ON and lists them on STATUS, echoing the request', () => {
    const { say } = strip(3);
    expect(say('STATUS\r')).toBe('STATUS\r\nOUTLET 1 ON\r\nOUTLET 2 ON\r\nOUTLET 3 ON\r\nOK\r\n');
  });

  it('ON and OFF switch one outlet and answer its new state', () => {
    const { s, say } = strip();
    expect(say('off 2\r\n')).toBe('off 2\r\nOUTLET 2 OFF\r\nOK\r\n');
    expect(s.outlet(2)).toBe('OFF');
    expect(say('STATUS 2\n')).toBe('STATUS 2\r\nOUTLET 2 OFF\r\nOK\r\n');
    expect(say('ON 2\r')).toBe('ON 2\r\nOUTLET 2 ON\r\nOK\r\n');
  });

  it('CYCLE answers CYCLING at once and the outlet is ON again after the cycle time', () => {
    const { s, clock, say } = strip(4, 1000);
    say('OFF 3\r');
    expect(say('CYCLE 3\r')).toBe('CYCLE 3\r\nOUTLET 3 CYCLING\r\nOK\r\n');
    clock.advance(999);
    expect(s.outlet(3)).toBe('CYCLING');
    clock.advance(1);
    expect(s.outlet(3)).toBe('ON');
    // OFF during a cycle cancels it.
    say('CYCLE 1\r');
    say('OFF 1\r');
    clock.advance(5000);
    expect(s.outlet(1)).toBe('OFF');
  });

  it('refuses what it cannot do with ERR, changing nothing', () => {
    const { s, say } = strip(4);
    expect(say('ON 5\r')).toBe('ON 5\r\nERR bad outlet 5: 1-4\r\n');
    expect(say('FLIP 1\r')).toBe('FLIP 1\r\nERR unknown command\r\n');
    expect(say(`${'X'.repeat(100)}\r`)).toBe(`${'X'.repeat(100)}\r\nERR line too long\r\n`);
    expect([1, 2, 3, 4].map((n) => s.outlet(n))).toEqual(['ON', 'ON', 'ON', 'ON']);
  });

  it('one answer for CR LF split across writes; blank lines are ignored', () => {
    const { say } = strip(1);
    expect(say('STATUS\r') + say('\n') + say('\r\n')).toBe('STATUS\r\nOUTLET 1 ON\r\nOK\r\n\r\n');
  });

  it('CR NUL (a Telnet Enter) is one line end, as its echo shows it', () => {
    const { say } = strip(2);
    expect(say('STATUS 1\r\0OFF 2\r') + say('\0')).toBe('STATUS 1\r\nOFF 2\r\nOUTLET 1 ON\r\nOK\r\nOUTLET 2 OFF\r\nOK\r\n');
  });
});

describe('PowerStripDevice', () => {
  it('answers on a later turn, only while open; closing finishes a cycle', async () => {
    const clock = new FakeClock();
    const device = new PowerStripDevice(16, { outlets: 2, cycleMs: 60_000, clock });
    const got: string[] = [];
    device.on('data', (b) => got.push(b.toString('latin1')));
    device.write(Buffer.from('OFF 1\r'));
    expect(device.strip.outlet(1)).toBe('ON');
    await device.open();
    device.write(Buffer.from('CYCLE 1\r'));
    expect(got).toEqual([]);
    await vi.waitFor(() => { expect(got.join('')).toBe('CYCLE 1\r\nOUTLET 1 CYCLING\r\nOK\r\n'); });
    expect(await device.modemLines()).toEqual({ ok: true, lines: { cts: true, dsr: true, dcd: true } });
    await device.close();
    expect(device.strip.outlet(1)).toBe('ON');
    expect(device.path).toBe('simulated-power-strip:16');
  });
});

describe('PowerStrip under fuzzing', () => {
  it('never throws on hostile bytes, ERR answers stay short, and outlets keep valid states', async () => {
    const fc = (await import('fast-check')).default;
    const byte = fc.oneof(fc.constantFrom(13, 10, 0, 32, ...Buffer.from('STATUSONFFCYLE0123456789')), fc.integer({ min: 0, max: 255 }));
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a)), { maxLength: 6 }), fc.array(byte, { maxLength: 120 }), (chunks, extra) => {
      const { s, say } = strip(4);
      const out = [...chunks, Buffer.from(extra)].map((c) => say(c.toString('latin1'))).join('');
      for (const line of out.split('\r\n')) if (/^(OK|ERR .*)$/.test(line)) expect(line.length).toBeLessThan(80);
      for (const n of [1, 2, 3, 4]) expect(['ON', 'OFF', 'CYCLING']).toContain(s.outlet(n));
    }), { numRuns: 2000 });
  });
});
