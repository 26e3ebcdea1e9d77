/**
 * Fan-out with bounded queues over a real socat pty: 1 MiB from the device reaches every attached
 * reader byte-exact; a stalled reader costs the others nothing and its queue stays within bound.
 * (Throughput is measured by `npm run bench`, not logged here: issue 13.)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { killAllPtyPairs, makePtyPair, openPeer } from '../support/socat.js';
import { CollectingSink, QUEUE_BYTES, pump, startPort } from './serial-fixtures.js';

const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'ccmd-fanout-'));
afterAll(async () => {
  await killAllPtyPairs();
  rmSync(dir, { recursive: true, force: true });
});

async function openPort(name: string) {
  const pair = await makePtyPair(dir, name);
  const peer = openPeer(pair.peerPath);
  const runtime = startPort(pair.devicePath);
  await vi.waitFor(() => { expect(runtime.status().state === 'open', 'port open').toBe(true); }, { timeout: 5000, interval: 10 });
  const close = async (): Promise<void> => {
    await runtime.stop();
    peer.destroy();
    await pair.kill();
  };
  return { pair, peer, runtime, close };
}

describe('port output fan-out', () => {
  it('1 MiB from the device reaches 4 attached readers byte-exact', async () => {
    const { peer, runtime, close } = await openPort('four');
    const readers = [1, 2, 3, 4].map(() => new CollectingSink());
    for (const r of readers) runtime.attach(r);
    const data = randomBytes(MiB);
    await pump(peer, data);
    await vi.waitFor(() => { expect(readers.every((r) => r.bytes >= MiB), 'every reader has 1 MiB').toBe(true); }, { timeout: 15_000, interval: 10 });
    for (const r of readers) expect(r.all().equals(data)).toBe(true);
    expect(runtime.status()).toMatchObject({ rxBytes: MiB, droppedBytes: 0 });
    await close();
  });

  it('a stalled reader never slows the others, and its queue stays within its bound', async () => {
    const { peer, runtime, close } = await openPort('stalled');
    const healthy = [1, 2, 3].map(() => new CollectingSink());
    for (const r of healthy) runtime.attach(r);
    const stalledSink = new CollectingSink(true);
    const stalled = runtime.attach(stalledSink);
    const data = randomBytes(MiB);
    await pump(peer, data);
    await vi.waitFor(() => { expect(healthy.every((r) => r.bytes >= MiB), 'the three have 1 MiB').toBe(true); }, { timeout: 15_000, interval: 10 });
    for (const r of healthy) expect(r.all().equals(data)).toBe(true);
    // The stalled sink took the first chunk, then said stop: the rest is queued or dropped.
    // A chunk is at most one serialport read (64 KiB pool), so the queue fills to within one.
    const maxChunk = 64 * 1024;
    expect(stalled.queuedBytes).toBeLessThanOrEqual(QUEUE_BYTES);
    expect(stalled.queuedBytes).toBeGreaterThan(QUEUE_BYTES - maxChunk);
    expect(stalledSink.bytes + stalled.queuedBytes + stalled.droppedBytes).toBe(MiB);
    expect(runtime.status().droppedBytes).toBe(stalled.droppedBytes);
    expect(stalled.droppedBytes).toBeGreaterThanOrEqual(MiB - QUEUE_BYTES - maxChunk);
    await close();
  });
});
