import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { SimulatedDevice } from '../transports/serial/simulated-device.js';
import type { OutputSink } from './bounded-output.js';
import { realClock } from './clock.js';
import { DaemonMetrics } from './metrics.js';
import { PortRuntime } from './port-runtime.js';

class Sink extends EventEmitter implements OutputSink {
  received = 0;
  constructor(private readonly accepting: boolean) { super(); }
  write(data: Buffer): boolean { this.received += data.length; return this.accepting; }
}

async function valueOf(metrics: DaemonMetrics, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = metrics.registry.getSingleMetric(name);
  const values = (await metric?.get())?.values ?? [];
  return values.find((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l))?.value;
}

describe('DaemonMetrics (SPEC §10), fed by the data path', () => {
  it('reports a port\'s bytes each way and what a stalled connection dropped, as the port counted them', async () => {
    const runtime = new PortRuntime({ port: 3, device: new SimulatedDevice(3), clock: realClock, historyBytes: 1024, queueBytes: 64 });
    // The daemon's view of the port at scrape time: the runtime's own counts (daemon.ts portGaugeViews).
    const metrics = new DaemonMetrics(() => {
      const { rxBytes, txBytes, droppedBytes } = runtime.status();
      return [{ port: 3, status: 'Active', connections: 2, deviceUp: true, rxBytes, txBytes, droppedBytes }];
    }, { processMetrics: false });
    runtime.start();
    await vi.waitFor(() => expect(runtime.status().state).toBe('open'));
    runtime.attach(new Sink(false));
    const healthy = new Sink(true);
    runtime.attach(healthy);
    for (let i = 0; i < 5; i++) runtime.write(Buffer.from('x'.repeat(40)));
    await vi.waitFor(() => expect(healthy.received).toBe(200));
    expect(await valueOf(metrics, 'ccmd_port_bytes_total', { port: '3', direction: 'out' })).toBe(200);
    expect(await valueOf(metrics, 'ccmd_port_bytes_total', { port: '3', direction: 'in' })).toBe(200);
    // The stalled sink took one chunk, queued one; three were dropped (the port's own count agrees).
    expect(await valueOf(metrics, 'ccmd_port_dropped_bytes_total', { port: '3' })).toBe(120);
    expect(runtime.status().droppedBytes).toBe(120);
    await runtime.stop();
  });

  it('counts share requests and their outcomes from the session events', async () => {
    const metrics = new DaemonMetrics(() => [], { processMetrics: false });
    for (const e of ['created', 'share-requested', 'approved', 'share-requested', 'timed-out', 'joined'] as const) metrics.sessionEvent(e);
    expect(await valueOf(metrics, 'ccmd_share_requests_total', { outcome: 'requested' })).toBe(2);
    expect(await valueOf(metrics, 'ccmd_share_requests_total', { outcome: 'approved' })).toBe(1);
    expect(await valueOf(metrics, 'ccmd_share_requests_total', { outcome: 'timed-out' })).toBe(1);
    expect(await valueOf(metrics, 'ccmd_share_requests_total', { outcome: 'joined' })).toBeUndefined();
  });

  it('reports ports by status and connections from the view read at scrape time', async () => {
    const metrics = new DaemonMetrics(() => [
      { port: 1, status: 'Active', connections: 2, deviceUp: true, rxBytes: 0, txBytes: 0, droppedBytes: 0 },
      { port: 2, status: 'Pending', connections: 1, deviceUp: false, rxBytes: 0, txBytes: 0, droppedBytes: 0 },
      { port: 3, status: 'Inactive', connections: 0, deviceUp: true, rxBytes: 0, txBytes: 0, droppedBytes: 0 },
    ], { processMetrics: false });
    expect(await valueOf(metrics, 'ccmd_sessions', { status: 'active' })).toBe(1);
    expect(await valueOf(metrics, 'ccmd_sessions', { status: 'pending' })).toBe(1);
    expect(await valueOf(metrics, 'ccmd_port_connections', { port: '1' })).toBe(2);
    expect(await valueOf(metrics, 'ccmd_device_up', { port: '2' })).toBe(0);
  });
});
