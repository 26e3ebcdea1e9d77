import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { FakeClock } from '../../../test/support/fake-clock.js';
import { killAllPtyPairs, makePtyPair, openPeer, type PtyPair } from '../../../test/support/socat.js';
import { TtyDataPath } from './tty-data-path.js';

/** The hold, on a FakeClock: it passes only when a test advances the clock. */
const HOLD_MS = 1500;

describe('TtyDataPath (fast data path beside serialport)', () => {
  let dir: string;
  let pair: PtyPair;
  let peer: Duplex;
  let path: TtyDataPath | null = null;
  let chunks: string[];
  let lost: number;
  let clock: FakeClock;

  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'ccmd-ttypath-')); });
  afterAll(async () => {
    await killAllPtyPairs();
    rmSync(dir, { recursive: true, force: true });
  });

  /** `realTime`: the real clock (for a burst that must drain without a test advancing time). */
  async function openPath(holdMs = HOLD_MS, realTime = false): Promise<TtyDataPath> {
    pair = await makePtyPair(dir, `p${Date.now()}`);
    peer = openPeer(pair.peerPath);
    chunks = [];
    lost = 0;
    clock = new FakeClock();
    path = TtyDataPath.open(pair.devicePath, {
      onData: (chunk) => chunks.push(chunk.toString('latin1')),
      onLost: () => { lost++; },
    }, realTime ? { holdMs } : { holdMs, clock });
    if (path === null) throw new Error('a socat pty should open');
    return path;
  }

  afterEach(async () => {
    path?.close();
    path = null;
    peer?.destroy();
    await pair?.kill();
  });

  it('refuses what is not a tty, and a missing path, without throwing', () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const events = { onData: () => undefined, onLost: () => undefined };
    expect(TtyDataPath.open(file, events)).toBeNull();
    expect(TtyDataPath.open(join(dir, 'missing'), events)).toBeNull();
  });

  it('hands on the first output after quiet at once, and holds output that keeps streaming', async () => {
    const p = await openPath();
    peer.write('first');
    await vi.waitFor(() => expect(chunks).toEqual(['first']));
    peer.write('second ');
    await vi.waitFor(() => expect(p.heldBytes).toBe('second '.length));
    peer.write('third');
    await vi.waitFor(() => expect(p.heldBytes).toBe('second third'.length));
    clock.advance(HOLD_MS - 1);
    expect(chunks).toEqual(['first']); // streaming without input: held until the hold has passed
    clock.advance(1);
    expect(chunks).toEqual(['first', 'second third']);
  });

  it('hands on output that answers input at once, even while streaming output is held', async () => {
    const p = await openPath();
    peer.write('banner');
    await vi.waitFor(() => expect(chunks).toEqual(['banner']));
    peer.write('streamed ');
    await vi.waitFor(() => expect(p.heldBytes).toBe('streamed '.length));
    peer.once('data', (key: Buffer) => peer.write(`echo:${key.toString('latin1')}`));
    expect(p.tryWrite(Buffer.from('k'))).toBe(1);
    // The clock never moves here: only the answer rule can hand this on.
    await vi.waitFor(() => expect(chunks).toEqual(['banner', 'streamed echo:k']));
  });

  it('joins a large burst into chunks of at most 64 KiB and keeps every byte in order', async () => {
    await openPath(20, true);
    const burst = Buffer.alloc(300 * 1024);
    for (let i = 0; i < burst.length; i++) burst[i] = 0x20 + (i % 90);
    peer.write(burst);
    await vi.waitFor(() => expect(chunks.join('').length).toBe(burst.length), 5000);
    expect(chunks.join('')).toBe(burst.toString('latin1'));
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(64 * 1024);
    expect(chunks.length).toBeLessThan(burst.length / 4095); // joined, not one per read(2)
  });

  it('reports the device lost once when socat dies, and writes nothing after close', async () => {
    const p = await openPath();
    await pair.kill();
    await vi.waitFor(() => expect(lost).toBe(1), 3000);
    expect(p.tryWrite(Buffer.from('x'))).toBe(0);
    p.close();
    expect(lost).toBe(1);
  });
});
