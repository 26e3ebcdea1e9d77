import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { killAllPtyPairs, makePtyPair, openPeer, type PtyPair } from '../../../test/support/socat.js';
import { TtyDataPath } from './tty-data-path.js';

/** Long enough that "held" and "handed on at once" cannot be confused on a loaded machine. */
const HOLD_MS = 1500;

async function until(what: string, ok: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('TtyDataPath (fast data path beside serialport)', () => {
  let dir: string;
  let pair: PtyPair;
  let peer: Duplex;
  let path: TtyDataPath | null = null;
  let chunks: string[];
  let lost: number;

  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'ccmd-ttypath-')); });
  afterAll(async () => {
    await killAllPtyPairs();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openPath(holdMs = HOLD_MS): Promise<TtyDataPath> {
    pair = await makePtyPair(dir, `p${Date.now()}`);
    peer = openPeer(pair.peerPath);
    chunks = [];
    lost = 0;
    path = TtyDataPath.open(pair.devicePath, {
      onData: (chunk) => chunks.push(chunk.toString('latin1')),
      onLost: () => { lost++; },
    }, holdMs);
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
    await openPath();
    peer.write('first');
    await until('the first chunk', () => chunks.length === 1);
    peer.write('second ');
    await new Promise((r) => setTimeout(r, 100));
    peer.write('third');
    await new Promise((r) => setTimeout(r, 200));
    expect(chunks).toEqual(['first']); // streaming without input: held (hold is 3 s)
    await until('the held output', () => chunks.length === 2, HOLD_MS + 2000);
    expect(chunks[1]).toBe('second third');
  });

  it('hands on output that answers input at once, even while streaming output is held', async () => {
    const p = await openPath();
    peer.write('banner');
    await until('the banner', () => chunks.length === 1);
    peer.write('streamed ');
    await new Promise((r) => setTimeout(r, 100));
    peer.once('data', (key: Buffer) => peer.write(`echo:${key.toString('latin1')}`));
    expect(p.tryWrite(Buffer.from('k'))).toBe(1);
    await until('the echo', () => chunks.length === 2, 1000);
    expect(chunks[1]).toBe('streamed echo:k');
  });

  it('joins a large burst into chunks of at most 64 KiB and keeps every byte in order', async () => {
    await openPath(20);
    const burst = Buffer.alloc(300 * 1024);
    for (let i = 0; i < burst.length; i++) burst[i] = 0x20 + (i % 90);
    peer.write(burst);
    await until('the whole burst', () => chunks.join('').length === burst.length, 5000);
    expect(chunks.join('')).toBe(burst.toString('latin1'));
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(64 * 1024);
    expect(chunks.length).toBeLessThan(burst.length / 4095); // joined, not one per read(2)
  });

  it('reports the device lost once when socat dies, and writes nothing after close', async () => {
    const p = await openPath();
    await pair.kill();
    await until('the loss', () => lost === 1, 3000);
    expect(p.tryWrite(Buffer.from('x'))).toBe(0);
    p.close();
    expect(lost).toBe(1);
  });
});
