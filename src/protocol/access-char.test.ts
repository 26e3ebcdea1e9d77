import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessCharScanner, formatAccessChar, parseAccessChar, type AccessScan } from './access-char.js';
import { splitAt } from '../../test/support/split-at.js';

const D = '\x04';
const device = (scan: AccessScan): string => Buffer.concat(scan.toDevice).toString('latin1');
const buf = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('AccessCharScanner (SPEC §6)', () => {
  it('passes a chunk without the access character through as the same bytes', () => {
    const chunk = buf('ls -l\r');
    const scan = new AccessCharScanner().scan(chunk);
    expect(scan).toMatchObject({ escape: false, held: false });
    expect(scan.toDevice).toHaveLength(1);
    expect(scan.toDevice[0]!.buffer).toBe(chunk.buffer);
  });

  it('one access character in the middle escapes, with the rest for the CLI', () => {
    const scan = new AccessCharScanner().scan(buf(`ab${D}sho por\r`));
    expect(device(scan)).toBe('ab');
    expect(scan.escape).toBe(true);
    expect(scan.rest.toString()).toBe('sho por\r');
  });

  it('two in a row send one to the device', () => {
    const scan = new AccessCharScanner().scan(buf(`a${D}${D}b${D}${D}`));
    expect(device(scan)).toBe(`a${D}b${D}`);
    expect(scan).toMatchObject({ escape: false, held: false });
  });

  it('three in a row: one to the device, then the third is held', () => {
    const scan = new AccessCharScanner().scan(buf(`${D}${D}${D}`));
    expect(device(scan)).toBe(D);
    expect(scan.held).toBe(true);
  });

  it('a lone one at the end of a chunk is held; a second in the next chunk goes to the device', () => {
    const scanner = new AccessCharScanner();
    expect(scanner.scan(buf(`x${D}`))).toMatchObject({ held: true, escape: false });
    const next = scanner.scan(buf(`${D}y`));
    expect(device(next)).toBe(`${D}y`);
    expect(scanner.isHolding).toBe(false);
  });

  it('a held one followed by other input escapes, and that input is for the CLI', () => {
    const scanner = new AccessCharScanner();
    scanner.scan(buf(D));
    expect(scanner.scan(buf('help\r'))).toMatchObject({ escape: true, toDevice: [] });
  });

  it('a held one escapes on release; release without a held one does nothing', () => {
    const scanner = new AccessCharScanner();
    scanner.scan(buf(D));
    expect(scanner.release().escape).toBe(true);
    expect(scanner.release().escape).toBe(false);
  });

  it('an empty chunk keeps the hold', () => {
    const scanner = new AccessCharScanner();
    scanner.scan(buf(D));
    expect(scanner.scan(Buffer.alloc(0)).held).toBe(true);
  });

  it('follows a changed access character', () => {
    const scanner = new AccessCharScanner();
    scanner.char = 0x1d;
    expect(scanner.scan(buf(`${D}\x1dq`))).toMatchObject({ escape: true });
  });

  it('matches a reference model on random input split at random points', () => {
    const input = fc.array(fc.constantFrom(0x04, 0x61, 0x62), { maxLength: 30 });
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 5 }), (bytes, cuts) => {
        // Reference: pairs of ^D are one ^D; the first unpaired ^D escapes (end of input counts as release).
        let expected = '';
        let escaped = false;
        for (let i = 0; i < bytes.length && !escaped; i++) {
          if (bytes[i] !== 4) expected += String.fromCharCode(bytes[i]!);
          else if (bytes[i + 1] === 4) {
            expected += D;
            i++;
          } else escaped = true;
        }
        const scanner = new AccessCharScanner();
        const data = Buffer.from(bytes);
        let got = '';
        let gotEscape = false;
        for (const part of splitAt(data, cuts)) {
          if (gotEscape) break;
          const scan = scanner.scan(part);
          got += device(scan);
          gotEscape = scan.escape;
        }
        if (!gotEscape) gotEscape = scanner.release().escape;
        return got === expected && gotEscape === escaped;
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('parseAccessChar / formatAccessChar', () => {
  it.each([['^D', 0x04], ['^d', 0x04], ['^]', 0x1d], ['^A', 0x01], ['^_', 0x1f], ['^\\', 0x1c]])('%s → %i', (text, byte) => {
    expect(parseAccessChar(text)).toEqual({ ok: true, byte });
    expect(formatAccessChar(byte)).toBe(text.toUpperCase());
  });

  it.each(['D', '^', '^DD', '', '^1', '^@', '^M', '^J', '^H', '^I', '^Q', '^S', '^[', '^?'])('refuses %j', (text) => {
    expect(parseAccessChar(text).ok).toBe(false);
  });
});
