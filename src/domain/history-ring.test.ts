import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HistoryRing } from './history-ring.js';

describe('HistoryRing', () => {
  it('holds what was appended, oldest first, until full', () => {
    const ring = new HistoryRing(8);
    ring.append(Buffer.from('abc'));
    ring.append(Buffer.from('de'));
    expect(ring.length).toBe(5);
    expect(ring.snapshot().toString()).toBe('abcde');
  });

  it('wraps and keeps the newest bytes', () => {
    const ring = new HistoryRing(8);
    ring.append(Buffer.from('abcdef'));
    ring.append(Buffer.from('ghij'));
    expect(ring.length).toBe(8);
    expect(ring.snapshot().toString()).toBe('cdefghij');
    ring.append(Buffer.from('k'));
    expect(ring.snapshot().toString()).toBe('defghijk');
  });

  it('keeps only the tail of a chunk larger than the buffer', () => {
    const ring = new HistoryRing(4);
    ring.append(Buffer.from('xy'));
    ring.append(Buffer.from('0123456789'));
    expect(ring.snapshot().toString()).toBe('6789');
  });

  it('wraps at 64 KiB and keeps the newest 64 KiB', () => {
    const cap = 64 * 1024;
    const ring = new HistoryRing(cap);
    const all = Buffer.alloc(cap + 1000);
    for (let i = 0; i < all.length; i++) all[i] = (i * 7) & 0xff;
    for (let i = 0; i < all.length; i += 1500) ring.append(all.subarray(i, Math.min(i + 1500, all.length)));
    expect(ring.length).toBe(cap);
    expect(ring.snapshot().equals(all.subarray(all.length - cap))).toBe(true);
  });

  it('clear empties it and it fills again from the start', () => {
    const ring = new HistoryRing(4);
    ring.append(Buffer.from('abcdef'));
    ring.clear();
    expect(ring.length).toBe(0);
    expect(ring.snapshot().length).toBe(0);
    ring.append(Buffer.from('zz'));
    expect(ring.snapshot().toString()).toBe('zz');
  });

  it('snapshot is a copy: later appends do not change it', () => {
    const ring = new HistoryRing(4);
    ring.append(Buffer.from('ab'));
    const snap = ring.snapshot();
    ring.append(Buffer.from('cdef'));
    expect(snap.toString()).toBe('ab');
  });

  it('copies the chunk: reusing the caller buffer does not change history', () => {
    const ring = new HistoryRing(8);
    const chunk = Buffer.from('abc');
    ring.append(chunk);
    chunk.fill(0x21);
    expect(ring.snapshot().toString()).toBe('abc');
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new HistoryRing(0)).toThrow(RangeError);
  });

  it('always equals the tail of everything appended (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 64 }),
      fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 30 }),
      (cap, chunks) => {
        const ring = new HistoryRing(cap);
        for (const c of chunks) ring.append(Buffer.from(c));
        const all = Buffer.concat(chunks.map((c) => Buffer.from(c)));
        const expected = all.subarray(Math.max(0, all.length - cap));
        expect(ring.length).toBe(expected.length);
        expect(ring.snapshot().equals(expected)).toBe(true);
      },
    ));
  });

  it('starts small and grows with output up to its capacity, never past it (issue 14)', () => {
    const ring = new HistoryRing(64 * 1024);
    expect(ring.allocatedBytes).toBeLessThanOrEqual(4096);
    ring.append(Buffer.alloc(5000, 0x61));
    expect(ring.allocatedBytes).toBe(8192);
    for (let i = 0; i < 100; i++) ring.append(Buffer.alloc(3000, 0x62));
    expect(ring.allocatedBytes).toBe(64 * 1024);
    expect(ring.length).toBe(64 * 1024);
  });

  it('always equals the tail of everything appended while it grows, across clears (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 40_000 }),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 9000 }), fc.constant(-1)), { maxLength: 40 }),
      (cap, sizes) => {
        const ring = new HistoryRing(cap);
        let all = Buffer.alloc(0);
        let next = 0;
        for (const size of sizes) {
          if (size < 0) {
            ring.clear();
            all = Buffer.alloc(0);
            continue;
          }
          const chunk = Buffer.alloc(size);
          for (let i = 0; i < size; i++) chunk[i] = (next++ * 31) & 0xff;
          ring.append(chunk);
          all = Buffer.concat([all, chunk]).subarray(Math.max(0, all.length + size - cap));
        }
        expect(ring.allocatedBytes).toBeLessThanOrEqual(cap);
        expect(ring.snapshot().equals(all)).toBe(true);
      },
    ), { numRuns: 200 });
  });
});
