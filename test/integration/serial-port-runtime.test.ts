/**
 * PortRuntime + SerialportDevice against real socat ptys (no mock binding): bytes both ways,
 * live settings, history, devices that go away and come back, break on a pty; and the built-in
 * simulated device (SPEC §8) through the same runtime.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { SerialSettings } from '../../src/config/schema.js';
import type { PortRuntime } from '../../src/runtime/port-runtime.js';
import { BREAK_NOT_SUPPORTED, SETTING_NAMES } from '../../src/transports/serial/device.js';
import { SimulatedDevice } from '../../src/transports/serial/simulated-device.js';
import { killAllPtyPairs, makePtyPair, openPeer } from '../support/socat.js';
import { CollectingSink, HISTORY_BYTES, collect, pump, startPort } from './serial-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ccmd-serial-'));
let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});
afterAll(async () => {
  await killAllPtyPairs();
  rmSync(dir, { recursive: true, force: true });
});

function track(runtime: PortRuntime, ...peers: Duplex[]): PortRuntime {
  cleanups.push(() => runtime.stop(), ...peers.map((p) => () => p.destroy()));
  return runtime;
}

const isOpen = (r: PortRuntime) => (): boolean => r.status().state === 'open';

/** A port on a fresh socat pair, open, with one attachment and the device end collected. */
async function attachedPort(name: string) {
  const pair = await makePtyPair(dir, name);
  const peer = openPeer(pair.peerPath);
  const fromCcmd = collect(peer);
  const runtime = track(startPort(pair.devicePath), peer);
  await vi.waitFor(() => { expect((isOpen(runtime))(), 'port open').toBe(true); }, { timeout: 5000, interval: 10 });
  const sink = new CollectingSink();
  runtime.attach(sink);
  return { peer, fromCcmd, runtime, sink };
}

describe('serial port over a socat pty', () => {
  it('carries bytes both ways', async () => {
    const { peer, fromCcmd, runtime, sink } = await attachedPort('both');
    expect(runtime.write(Buffer.from('to the device\r'))).toBe(true);
    await vi.waitFor(() => { expect(fromCcmd.text(), 'bytes at the device end').toBe('to the device\r'); }, { timeout: 5000, interval: 10 });
    peer.write('from the device\r\n');
    await vi.waitFor(() => { expect(sink.text(), 'bytes at the attachment').toBe('from the device\r\n'); }, { timeout: 5000, interval: 10 });
    expect(runtime.status()).toMatchObject({ rxBytes: 17, txBytes: 14, state: 'open' });
  });

  it('applies settings live: attachments stay, requested values are stored, a pty enforces none', async () => {
    const { peer, fromCcmd, runtime, sink } = await attachedPort('settings');
    const baudOnly: SerialSettings = { ...runtime.status().settings, baud: 115200 };
    expect((await runtime.applySettings(baudOnly)).refused).toEqual([]);
    const framing: SerialSettings = { baud: 19200, dataBits: 7, parity: 'EVEN', stopBits: 2, flow: 'RTSCTS' };
    const result = await runtime.applySettings(framing);
    expect(result).toEqual({ requested: framing, refused: [], unenforced: SETTING_NAMES, deferred: false });
    expect(runtime.status()).toMatchObject({ state: 'open', attachments: 1, settings: framing });
    peer.write('after change');
    await vi.waitFor(() => { expect(sink.text(), 'device output after the change').toBe('after change'); }, { timeout: 5000, interval: 10 });
    runtime.write(Buffer.from('typed'));
    await vi.waitFor(() => { expect(fromCcmd.text(), 'input after the change').toBe('typed'); }, { timeout: 5000, interval: 10 });
  });

  it('fills the 64 KiB history and keeps the newest bytes', async () => {
    const pair = await makePtyPair(dir, 'history');
    const peer = openPeer(pair.peerPath);
    const runtime = track(startPort(pair.devicePath), peer);
    await vi.waitFor(() => { expect((isOpen(runtime))(), 'port open').toBe(true); }, { timeout: 5000, interval: 10 });
    const data = randomBytes(HISTORY_BYTES + 40_000);
    await pump(peer, data);
    await vi.waitFor(() => { expect(runtime.status().rxBytes, 'all bytes read').toBe(data.length); }, { timeout: 5000, interval: 10 });
    const history = runtime.history();
    expect(history.length).toBe(HISTORY_BYTES);
    expect(history.equals(data.subarray(data.length - HISTORY_BYTES))).toBe(true);
  });

  it('reports a break on a pty as not supported by this device', async () => {
    const pair = await makePtyPair(dir, 'break');
    const runtime = track(startPort(pair.devicePath));
    await vi.waitFor(() => { expect((isOpen(runtime))(), 'port open').toBe(true); }, { timeout: 5000, interval: 10 });
    expect(await runtime.sendBreak(50)).toEqual({ ok: false, reason: BREAK_NOT_SUPPORTED });
    expect(runtime.status().state).toBe('open');
  });

  it('reports the modem lines (POWER=, TOGGLE=DTR) on a pty as not supported by this device, as break', async () => {
    const pair = await makePtyPair(dir, 'lines');
    const runtime = track(startPort(pair.devicePath));
    await vi.waitFor(() => { expect((isOpen(runtime))(), 'port open').toBe(true); }, { timeout: 5000, interval: 10 });
    expect(await runtime.modemLines()).toEqual({ ok: false, reason: BREAK_NOT_SUPPORTED });
    expect(await runtime.pulseDtr(10)).toEqual({ ok: false, reason: BREAK_NOT_SUPPORTED });
    expect(runtime.status()).toMatchObject({ state: 'open', errors: 0 });
  });

  it('loses the device when socat dies mid-stream and picks up a new socat on the same path', async () => {
    const pair = await makePtyPair(dir, 'comes-and-goes');
    let peer = openPeer(pair.peerPath);
    const runtime = track(startPort(pair.devicePath));
    const events: string[] = [];
    runtime.on('deviceLost', (n) => events.push(`lost ${n}`));
    runtime.on('deviceBack', (n) => events.push(`back ${n}`));
    await vi.waitFor(() => { expect((isOpen(runtime))(), 'port open').toBe(true); }, { timeout: 5000, interval: 10 });
    const sink = new CollectingSink();
    runtime.attach(sink);
    const streaming = setInterval(() => peer.write('x'.repeat(512)), 5);
    await vi.waitFor(() => { expect(sink.bytes > 4096, 'stream flowing').toBe(true); }, { timeout: 5000, interval: 10 });
    await pair.kill();
    clearInterval(streaming);
    peer.destroy();
    await vi.waitFor(() => { expect(runtime.status().state !== 'open', 'port lost').toBe(true); }, { timeout: 5000, interval: 10 });
    expect(events).toEqual(['lost 1']);
    expect(runtime.write(Buffer.from('nobody hears this'))).toBe(false);
    await pair.restart();
    peer = openPeer(pair.peerPath);
    cleanups.push(() => peer.destroy());
    await vi.waitFor(() => { expect((isOpen(runtime))(), 'port back').toBe(true); }, { timeout: 8000, interval: 10 });
    expect(events).toEqual(['lost 1', 'back 1']);
    const before = sink.bytes;
    peer.write('after the comeback');
    await vi.waitFor(() => { expect(sink.all().subarray(before).toString(), 'bytes flow again').toBe('after the comeback'); }, { timeout: 5000, interval: 10 });
    expect(runtime.status().attachments).toBe(1);
  });

  it('retries a device missing at start-up and picks it up when it appears', async () => {
    const path = join(dir, 'late');
    const runtime = track(startPort(path));
    await vi.waitFor(() => { expect(runtime.status().state, 'first attempt failed').toBe('lost'); }, { timeout: 5000, interval: 10 });
    const status = runtime.status();
    expect(status.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
    expect(status.lastError).toMatch(/ENOENT|no such file/i);
    // A few more failed attempts (each schedules the next later): the back-off grows.
    const retries = new Set<number>([status.nextRetryAt as number]);
    await vi.waitFor(() => {
      const next = runtime.status().nextRetryAt;
      if (next !== null) retries.add(next);
      expect(retries.size, 'three attempts').toBeGreaterThanOrEqual(3);
    }, { timeout: 5000, interval: 5 });
    const pair = await makePtyPair(dir, 'late');
    const peer = openPeer(pair.peerPath);
    cleanups.push(() => peer.destroy());
    await vi.waitFor(() => { expect((isOpen(runtime))(), 'device picked up').toBe(true); }, { timeout: 8000, interval: 10 });
    const sink = new CollectingSink();
    runtime.attach(sink);
    peer.write('hello');
    await vi.waitFor(() => { expect(sink.text(), 'bytes flow').toBe('hello'); }, { timeout: 5000, interval: 10 });
  });
});

describe('simulated device through the port runtime (SPEC §8)', () => {
  it('echoes and answers CR with \\r\\ndevice3$ ', async () => {
    const runtime = track(startPort(new SimulatedDevice(3), 3));
    await vi.waitFor(() => { expect((isOpen(runtime))(), 'port open').toBe(true); }, { timeout: 5000, interval: 10 });
    const sink = new CollectingSink();
    runtime.attach(sink);
    runtime.write(Buffer.from('uname'));
    await vi.waitFor(() => { expect(sink.text(), 'echo').toBe('uname'); }, { timeout: 5000, interval: 10 });
    runtime.write(Buffer.from('\r'));
    await vi.waitFor(() => { expect(sink.text(), 'prompt').toBe('uname\r\ndevice3$ '); }, { timeout: 5000, interval: 10 });
  });
});
