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
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { SerialSettings } from '../../src/config/schema.js';
import type { PortRuntime } from '../../src/runtime/port-runtime.js';
import { BREAK_NOT_SUPPORTED, SETTING_NAMES } from '../../src/transports/serial/device.js';
import { SimulatedDevice } from '../../src/transports/serial/simulated-device.js';
import { killAllPtyPairs, makePtyPair, openPeer } from '../support/socat.js';
import { CollectingSink, HISTORY_BYTES, collect, pump, startPort, waitFor } from './serial-fixtures.js';

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
  await waitFor('port open', isOpen(runtime));
  const sink = new CollectingSink();
  runtime.attach(sink);
  return { peer, fromCcmd, runtime, sink };
}

describe('serial port over a socat pty', () => {
  it('carries bytes both ways', async () => {
    const { peer, fromCcmd, runtime, sink } = await attachedPort('both');
    expect(runtime.write(Buffer.from('to the device\r'))).toBe(true);
    await waitFor('bytes at the device end', () => fromCcmd.text() === 'to the device\r');
    peer.write('from the device\r\n');
    await waitFor('bytes at the attachment', () => sink.text() === 'from the device\r\n');
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
    await waitFor('device output after the change', () => sink.text() === 'after change');
    runtime.write(Buffer.from('typed'));
    await waitFor('input after the change', () => fromCcmd.text() === 'typed');
  });

  it('fills the 64 KiB history and keeps the newest bytes', async () => {
    const pair = await makePtyPair(dir, 'history');
    const peer = openPeer(pair.peerPath);
    const runtime = track(startPort(pair.devicePath), peer);
    await waitFor('port open', isOpen(runtime));
    const data = randomBytes(HISTORY_BYTES + 40_000);
    await pump(peer, data);
    await waitFor('all bytes read', () => runtime.status().rxBytes === data.length);
    const history = runtime.history();
    expect(history.length).toBe(HISTORY_BYTES);
    expect(history.equals(data.subarray(data.length - HISTORY_BYTES))).toBe(true);
  });

  it('reports a break on a pty as not supported by this device', async () => {
    const pair = await makePtyPair(dir, 'break');
    const runtime = track(startPort(pair.devicePath));
    await waitFor('port open', isOpen(runtime));
    expect(await runtime.sendBreak(50)).toEqual({ ok: false, reason: BREAK_NOT_SUPPORTED });
    expect(runtime.status().state).toBe('open');
  });

  it('loses the device when socat dies mid-stream and picks up a new socat on the same path', async () => {
    const pair = await makePtyPair(dir, 'comes-and-goes');
    let peer = openPeer(pair.peerPath);
    const runtime = track(startPort(pair.devicePath));
    const events: string[] = [];
    runtime.on('deviceLost', (n) => events.push(`lost ${n}`));
    runtime.on('deviceBack', (n) => events.push(`back ${n}`));
    await waitFor('port open', isOpen(runtime));
    const sink = new CollectingSink();
    runtime.attach(sink);
    const streaming = setInterval(() => peer.write('x'.repeat(512)), 5);
    await waitFor('stream flowing', () => sink.bytes > 4096);
    await pair.kill();
    clearInterval(streaming);
    peer.destroy();
    await waitFor('port lost', () => runtime.status().state !== 'open');
    expect(events).toEqual(['lost 1']);
    expect(runtime.write(Buffer.from('nobody hears this'))).toBe(false);
    await pair.restart();
    peer = openPeer(pair.peerPath);
    cleanups.push(() => peer.destroy());
    await waitFor('port back', isOpen(runtime), 8000);
    expect(events).toEqual(['lost 1', 'back 1']);
    const before = sink.bytes;
    peer.write('after the comeback');
    await waitFor('bytes flow again', () => sink.all().subarray(before).toString() === 'after the comeback');
    expect(runtime.status().attachments).toBe(1);
  });

  it('retries a device missing at start-up and picks it up when it appears', async () => {
    const path = join(dir, 'late');
    const runtime = track(startPort(path));
    await waitFor('first attempt failed', () => runtime.status().state === 'lost');
    const status = runtime.status();
    expect(status.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
    expect(status.lastError).toMatch(/ENOENT|no such file/i);
    await new Promise((r) => setTimeout(r, 400)); // a few failed attempts: the back-off grows
    const pair = await makePtyPair(dir, 'late');
    const peer = openPeer(pair.peerPath);
    cleanups.push(() => peer.destroy());
    await waitFor('device picked up', isOpen(runtime), 8000);
    const sink = new CollectingSink();
    runtime.attach(sink);
    peer.write('hello');
    await waitFor('bytes flow', () => sink.text() === 'hello');
  });
});

describe('simulated device through the port runtime (SPEC §8)', () => {
  it('echoes and answers CR with \\r\\ndevice3$ ', async () => {
    const runtime = track(startPort(new SimulatedDevice(3), 3));
    await waitFor('port open', isOpen(runtime));
    const sink = new CollectingSink();
    runtime.attach(sink);
    runtime.write(Buffer.from('uname'));
    await waitFor('echo', () => sink.text() === 'uname');
    runtime.write(Buffer.from('\r'));
    await waitFor('prompt', () => sink.text() === 'uname\r\ndevice3$ ');
  });
});
