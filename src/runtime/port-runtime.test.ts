import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { SerialSettings } from '../config/schema.js';
import type { ApplyResult } from '../transports/serial/device.js';
import { SimulatedDevice } from '../transports/serial/simulated-device.js';
import type { OutputSink } from './bounded-output.js';
import type { Clock, Timer } from './clock.js';
import { PortRuntime, type PortRuntimeOptions } from './port-runtime.js';

/** Timers that fire only when the test advances time. */
class FakeClock implements Clock {
  private time = 1_000_000;
  private timers: { at: number; fn: () => void; handle: Timer }[] = [];
  now(): number { return this.time; }
  setTimeout(fn: () => void, ms: number): Timer {
    const handle = {};
    this.timers.push({ at: this.time + ms, fn, handle });
    return handle;
  }
  clearTimeout(timer: Timer): void { this.timers = this.timers.filter((t) => t.handle !== timer); }
  get pending(): number { return this.timers.length; }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.fn();
  }
}

class CollectingSink extends EventEmitter implements OutputSink {
  readonly chunks: Buffer[] = [];
  constructor(private accepting = true) { super(); }
  write(data: Buffer): boolean { this.chunks.push(data); return this.accepting; }
  text(): string { return Buffer.concat(this.chunks).toString('latin1'); }
}

/** A simulated device that refuses odd parity, as a device with a limited UART would. */
class NoOddParityDevice extends SimulatedDevice {
  override async apply(settings: SerialSettings): Promise<ApplyResult> {
    if (settings.parity !== 'ODD') return super.apply(settings);
    const result = await super.apply({ ...settings, parity: this.settings.parity });
    return { ...result, requested: settings, refused: [{ setting: 'parity', reason: 'odd parity not supported' }] };
  }
}

const turns = async (n = 5): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

function makePort(device = new SimulatedDevice(3), extra: Partial<PortRuntimeOptions> = {}) {
  const clock = new FakeClock();
  const runtime = new PortRuntime({ port: 3, device, clock, historyBytes: 1024, queueBytes: 64, ...extra });
  const events: string[] = [];
  runtime.on('deviceLost', (n) => events.push(`lost ${n}`));
  runtime.on('deviceBack', (n) => events.push(`back ${n}`));
  return { clock, runtime, device, events };
}

describe('PortRuntime', () => {
  it('opens at start and sends device output to attachments and history', async () => {
    const { runtime } = makePort();
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    const sink = new CollectingSink();
    runtime.attach(sink);
    expect(runtime.write(Buffer.from('ls\r'))).toBe(true);
    await vi.waitFor(() => { expect(sink.text()).toBe('ls\r\ndevice3$ '); }, { timeout: 1000, interval: 1 });
    expect(runtime.history().toString()).toBe('ls\r\ndevice3$ ');
    expect(runtime.status()).toMatchObject({ rxBytes: 13, txBytes: 3, attachments: 1, historyBytes: 13 });
  });

  it('fills history with nobody attached (SPEC §1)', async () => {
    const { runtime } = makePort();
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    runtime.write(Buffer.from('abc'));
    await vi.waitFor(() => { expect(runtime.history().toString()).toBe('abc'); }, { timeout: 1000, interval: 1 });
  });

  it('retries a device missing at start with back-off 100 ms doubling to 5 s', async () => {
    const device = new SimulatedDevice(3);
    device.unplug();
    const { runtime, clock, events } = makePort(device);
    runtime.start();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      await vi.waitFor(() => { expect(runtime.status().state).toBe('lost'); }, { timeout: 1000, interval: 1 });
      const { nextRetryAt } = runtime.status();
      delays.push((nextRetryAt as number) - clock.now());
      clock.advance(delays[i] as number);
    }
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    expect(events).toEqual(['lost 3']);
    await vi.waitFor(() => { expect(runtime.status().state).toBe('lost'); }, { timeout: 1000, interval: 1 });
    expect(runtime.write(Buffer.from('x'))).toBe(false);
    device.plugIn();
    clock.advance(4999);
    await turns();
    expect(runtime.status().state).toBe('lost');
    clock.advance(1);
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    expect(events).toEqual(['lost 3', 'back 3']);
    expect(runtime.status().nextRetryAt).toBeNull();
  });

  it('reports a lost device, keeps attachments, and picks it up again from 100 ms', async () => {
    const { runtime, device, clock, events } = makePort();
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    const sink = new CollectingSink();
    runtime.attach(sink);
    device.unplug();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('lost'); }, { timeout: 1000, interval: 1 });
    expect(events).toEqual(['lost 3']);
    expect(runtime.status().nextRetryAt).toBe(clock.now() + 100);
    expect(runtime.status().lastError).toBe('device went away');
    device.plugIn();
    clock.advance(100);
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    expect(events).toEqual(['lost 3', 'back 3']);
    runtime.write(Buffer.from('hi'));
    await vi.waitFor(() => { expect(sink.text()).toBe('hi'); }, { timeout: 1000, interval: 1 });
  });

  it('applies settings live without dropping attachments; a refusal is reported, not fatal', async () => {
    const { runtime } = makePort(new NoOddParityDevice(3));
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    const sink = new CollectingSink();
    runtime.attach(sink);
    const wanted: SerialSettings = { baud: 115200, dataBits: 7, parity: 'ODD', stopBits: 2, flow: 'NONE' };
    const result = await runtime.applySettings(wanted);
    expect(result.requested).toEqual(wanted);
    expect(result.refused).toEqual([{ setting: 'parity', reason: 'odd parity not supported' }]);
    expect(runtime.status().settings).toEqual({ ...wanted, parity: 'NONE' });
    expect(runtime.status()).toMatchObject({ state: 'open', attachments: 1 });
    runtime.write(Buffer.from('still here'));
    await vi.waitFor(() => { expect(sink.text()).toBe('still here'); }, { timeout: 1000, interval: 1 });
  });

  it('drops for a stalled attachment within its bound and counts it on the port', async () => {
    const { runtime } = makePort();
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    const stalled = runtime.attach(new CollectingSink(false));
    const healthy = new CollectingSink();
    runtime.attach(healthy);
    const chunk = 'x'.repeat(40);
    for (let i = 0; i < 5; i++) runtime.write(Buffer.from(chunk));
    await vi.waitFor(() => { expect(healthy.text().length).toBe(200); }, { timeout: 1000, interval: 1 });
    // First chunk went to the sink (which then said stop), one fits in the 64-byte queue.
    expect(stalled.queuedBytes).toBe(40);
    expect(stalled.droppedBytes).toBe(120);
    expect(runtime.status().droppedBytes).toBe(120);
  });

  it('tells a slow attachment what it missed and how much of it the history still holds (issue 14)', async () => {
    const { runtime } = makePort(undefined, { historyBytes: 100, droppedNotice: (n, held) => `<${n}/${held}>` });
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    const sink = new CollectingSink(false);
    runtime.attach(sink);
    const echo = async (text: string): Promise<void> => {
      const before = runtime.status().rxBytes;
      runtime.write(Buffer.from(text));
      await vi.waitFor(() => { expect(runtime.status().rxBytes).toBe(before + text.length); }, { timeout: 1000, interval: 1 });
    };
    await echo('a'.repeat(40)); // taken by the sink, which then says stop
    await echo('b'.repeat(40)); // queued (64-byte bound)
    await echo('c'.repeat(40)); // dropped: offsets 80-120
    await echo('d'.repeat(40)); // dropped: 120-160
    sink.emit('drain'); // the b's go out; the queue has room again
    await echo('e'.repeat(40)); // queued; the history (100 bytes) now holds 100-200
    sink.emit('drain');
    sink.emit('drain');
    expect(sink.text()).toBe(`${'a'.repeat(40)}${'b'.repeat(40)}${'e'.repeat(40)}<80/60>`);
    expect(runtime.history().toString()).toBe(`${'c'.repeat(20)}${'d'.repeat(40)}${'e'.repeat(40)}`);
  });

  it('detach stops output to that sink only', async () => {
    const { runtime } = makePort();
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    const a = new CollectingSink();
    const b = new CollectingSink();
    const attachment = runtime.attach(a);
    runtime.attach(b);
    attachment.detach();
    attachment.detach();
    runtime.write(Buffer.from('z'));
    await vi.waitFor(() => { expect(b.text()).toBe('z'); }, { timeout: 1000, interval: 1 });
    expect(a.text()).toBe('');
    expect(runtime.status().attachments).toBe(1);
  });

  it('a sink that detaches while taking a chunk does not cost the next attachment that chunk', async () => {
    // The SPC client detaches from inside its write once the strip's OK arrives (issue 12).
    const { runtime } = makePort();
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    const leaving = new CollectingSink();
    const attachment = runtime.attach({ write: (data) => { attachment.detach(); return leaving.write(data); }, on: () => undefined, off: () => undefined } as OutputSink);
    const staying = new CollectingSink();
    runtime.attach(staying);
    runtime.write(Buffer.from('z'));
    await vi.waitFor(() => { expect(staying.text()).toBe('z'); }, { timeout: 1000, interval: 1 });
    expect(leaving.text()).toBe('z');
    expect(runtime.status().attachments).toBe(1);
  });

  it('sessionEnded clears history only with HISTORY=CLEAR', async () => {
    const { runtime } = makePort();
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    runtime.write(Buffer.from('abc'));
    await vi.waitFor(() => { expect(runtime.history().length).toBe(3); }, { timeout: 1000, interval: 1 });
    runtime.sessionEnded('KEEP');
    expect(runtime.history().toString()).toBe('abc');
    runtime.sessionEnded('CLEAR');
    expect(runtime.history().length).toBe(0);
  });

  it('break goes to the device when open and is refused while the device is lost', async () => {
    const device = new SimulatedDevice(3);
    const { runtime } = makePort(device);
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    expect(await runtime.sendBreak(100)).toEqual({ ok: true });
    device.unplug();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('lost'); }, { timeout: 1000, interval: 1 });
    expect(await runtime.sendBreak(100)).toEqual({ ok: false, reason: 'device unavailable' });
  });

  it('stop closes the device, detaches everyone and cancels retries', async () => {
    const device = new SimulatedDevice(3);
    device.unplug();
    const { runtime, clock } = makePort(device);
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('lost'); }, { timeout: 1000, interval: 1 });
    expect(clock.pending).toBe(1);
    await runtime.stop();
    expect(clock.pending).toBe(0);
    const open = makePort();
    open.runtime.start();
    await vi.waitFor(() => { expect(open.runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    open.runtime.attach(new CollectingSink());
    await open.runtime.stop();
    expect(open.device.isOpen).toBe(false);
    expect(open.runtime.status().attachments).toBe(0);
  });

  it('pulseDtr holds DTR low for the time given on the clock, then raises it (TOGGLE=DTR, issue 12)', async () => {
    const device = new SimulatedDevice(3);
    const calls: boolean[] = [];
    const setDtr = device.setDtr.bind(device);
    device.setDtr = (on) => { calls.push(on); return setDtr(on); };
    const { runtime, clock } = makePort(device);
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    const sink = new CollectingSink();
    runtime.attach(sink);
    const pulse = runtime.pulseDtr(500);
    await turns();
    expect(calls).toEqual([false]);
    clock.advance(499);
    await turns();
    expect(calls).toEqual([false]);
    clock.advance(1);
    expect(await pulse).toEqual({ ok: true });
    expect(calls).toEqual([false, true]);
    // The simulated device hangs up like a modem-controlled getty and prompts again.
    await vi.waitFor(() => { expect(sink.text()).toBe('\r\ndevice3 hung up (DTR dropped)\r\ndevice3$ '); }, { timeout: 1000, interval: 1 });
  });

  it('modem lines are read while open, refused as data while lost; losses count as errors', async () => {
    const device = new SimulatedDevice(3);
    const { runtime } = makePort(device);
    runtime.start();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); }, { timeout: 1000, interval: 1 });
    expect(await runtime.modemLines()).toEqual({ ok: true, lines: { cts: true, dsr: true, dcd: true } });
    expect(runtime.status().errors).toBe(0);
    device.unplug();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('lost'); }, { timeout: 1000, interval: 1 });
    expect(await runtime.modemLines()).toEqual({ ok: false, reason: 'device unavailable' });
    expect(await runtime.pulseDtr(10)).toEqual({ ok: false, reason: 'device unavailable' });
    expect(runtime.status().errors).toBe(1);
  });
});
