/**
 * The SPC client (issue 12) over a real PortRuntime: requests go through the port to the
 * simulated power strip and come back decoded; one at a time; a strip that never answers is
 * reported `silent` when the clock passes the time-out; a port whose device is not open is
 * `unavailable`; the exchange stays in the port's history and counters like any traffic.
 */
import { describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../test/support/fake-clock.js';
import { PowerStripDevice } from '../transports/serial/power-strip-device.js';
import { SimulatedDevice } from '../transports/serial/simulated-device.js';
import type { SerialDevice } from '../transports/serial/device.js';
import { PortRuntime } from './port-runtime.js';
import { SPC_REPLY_MS, SpcClient } from './spc-client.js';

async function openPort(device: SerialDevice, clock: FakeClock): Promise<PortRuntime> {
  const runtime = new PortRuntime({ port: 16, device, clock, historyBytes: 4096, queueBytes: 4096 });
  runtime.start();
  await vi.waitFor(() => { expect(runtime.status().state).toBe('open'); });
  return runtime;
}

describe('SpcClient', () => {
  it('asks the strip through the port and reads its answer', async () => {
    const clock = new FakeClock();
    const runtime = await openPort(new PowerStripDevice(16, { outlets: 3, cycleMs: 1000, clock }), clock);
    const spc = new SpcClient(runtime, clock);
    expect(await spc.request({ kind: 'switch', action: 'OFF', outlet: 2 })).toEqual({ ok: true, outlets: [{ outlet: 2, state: 'OFF' }] });
    expect(await spc.request({ kind: 'status', outlet: null })).toEqual({ ok: true, outlets: [
      { outlet: 1, state: 'ON' }, { outlet: 2, state: 'OFF' }, { outlet: 3, state: 'ON' },
    ] });
    expect(await spc.request({ kind: 'switch', action: 'ON', outlet: 9 }))
      .toEqual({ ok: false, problem: 'refused', detail: 'bad outlet 9: 1-3' });
    expect(runtime.history().toString('latin1')).toContain('OFF 2\r\nOUTLET 2 OFF\r\nOK\r\n');
    expect(runtime.status()).toMatchObject({ txBytes: 'OFF 2\r'.length + 'STATUS\r'.length + 'ON 9\r'.length, attachments: 0 });
    await runtime.stop();
  });

  it('one request at a time: the second is sent after the first is answered', async () => {
    const clock = new FakeClock();
    const runtime = await openPort(new PowerStripDevice(16, { outlets: 2, cycleMs: 1000, clock }), clock);
    const spc = new SpcClient(runtime, clock);
    // Different outlets: were both sent at once, the second would read the first's answer.
    const [a, b, c] = await Promise.all([
      spc.request({ kind: 'switch', action: 'OFF', outlet: 1 }), spc.request({ kind: 'status', outlet: 2 }),
      spc.request({ kind: 'status', outlet: 1 }),
    ]);
    expect(a).toEqual({ ok: true, outlets: [{ outlet: 1, state: 'OFF' }] });
    expect(b).toEqual({ ok: true, outlets: [{ outlet: 2, state: 'ON' }] });
    expect(c).toEqual({ ok: true, outlets: [{ outlet: 1, state: 'OFF' }] });
    await runtime.stop();
  });

  it('a device that only echoes (no strip) is silent after the time-out; a closed device is unavailable', async () => {
    const clock = new FakeClock();
    const device = new SimulatedDevice(16);
    const runtime = await openPort(device, clock);
    const spc = new SpcClient(runtime, clock);
    const pending = spc.request({ kind: 'status', outlet: null });
    await vi.waitFor(() => { expect(runtime.history().toString()).toContain('STATUS'); });
    clock.advance(SPC_REPLY_MS - 1);
    let settled = false;
    void pending.then(() => { settled = true; });
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    clock.advance(1);
    expect(await pending).toEqual({ ok: false, problem: 'silent', detail: 'no answer in 3 s' });
    expect(runtime.status().attachments).toBe(0);
    device.unplug();
    await vi.waitFor(() => { expect(runtime.status().state).toBe('lost'); });
    expect(await spc.request({ kind: 'status', outlet: null })).toEqual({ ok: false, problem: 'unavailable', detail: 'device unavailable' });
    await runtime.stop();
  });
});
