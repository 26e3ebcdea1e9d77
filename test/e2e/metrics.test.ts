/**
 * SPEC §10 `GET /metrics` on a real daemon with a socat pty as port 1's device: the exposition
 * parses strictly; `ccmd_port_bytes_total` counts exactly the bytes that crossed the port each
 * way; the gauges follow a login on the port; logins are counted by way in and result.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InteractiveClient } from '../support/clients.js';
import { ADMIN_PASSWORD, startDaemon, type DaemonProcess } from '../support/daemon.js';
import { loginAs } from '../support/login.js';
import { killAllPtyPairs, makePtyPair, openPeer } from '../support/socat.js';
import { parseExposition, type Exposition } from './prom-text.js';

let daemon: DaemonProcess;
let pairDir: string;
let peer: Duplex;
let client: InteractiveClient | undefined;
const fromCcmd: Buffer[] = [];

beforeAll(async () => {
  pairDir = mkdtempSync(join(tmpdir(), 'ccmd-metrics-'));
  const pair = await makePtyPair(pairDir, 'dev1');
  daemon = await startDaemon({ web: true, config: { ports: { 1: { device: pair.devicePath } } } });
  peer = openPeer(pair.peerPath);
  peer.on('data', (chunk: Buffer) => fromCcmd.push(chunk));
});
afterAll(async () => {
  await client?.close();
  peer?.destroy();
  await daemon?.stop();
  await killAllPtyPairs();
  rmSync(pairDir, { recursive: true, force: true });
});

async function scrape(): Promise<Exposition> {
  const res = await fetch(`http://127.0.0.1:${daemon.ready.web}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
  return parseExposition(await res.text());
}

describe('GET /metrics', () => {
  it('parses strictly and has every SPEC §10 family plus the process metrics, without a login', async () => {
    const metrics = await scrape();
    for (const [name, type] of [
      ['ccmd_sessions', 'gauge'], ['ccmd_port_connections', 'gauge'], ['ccmd_logins_total', 'counter'],
      ['ccmd_port_bytes_total', 'counter'], ['ccmd_port_dropped_bytes_total', 'counter'], ['ccmd_device_up', 'gauge'],
      ['ccmd_share_requests_total', 'counter'], ['process_resident_memory_bytes', 'gauge'], ['nodejs_eventloop_lag_seconds', 'gauge'],
    ] as const) expect(metrics.types.get(name), name).toBe(type);
    expect(metrics.value('ccmd_sessions', { status: 'inactive' })).toBe(16);
    expect(metrics.value('ccmd_device_up', { port: '1' })).toBe(1);
    expect(metrics.value('ccmd_port_bytes_total', { port: '1', direction: 'in' })).toBe(0);
  });

  it('counts exactly the bytes a device sent and a user typed, per port and direction', async () => {
    const burst = Buffer.alloc(10_000, 'x');
    peer.write(burst);
    await vi.waitFor(async () => {
      expect((await scrape()).value('ccmd_port_bytes_total', { port: '1', direction: 'in' })).toBe(10_000);
    }, { timeout: 10_000, interval: 100 });
    client = await loginAs(daemon, 'ssh', 'Admin', ADMIN_PASSWORD);
    client.send('CONNECT 1\r');
    await client.expect('Connection complete', 10_000);
    client.send('abcdefghij');
    await vi.waitFor(() => expect(Buffer.concat(fromCcmd).length).toBe(10), { timeout: 10_000, interval: 50 });
    const metrics = await scrape();
    expect(metrics.value('ccmd_port_bytes_total', { port: '1', direction: 'out' })).toBe(10);
    expect(metrics.value('ccmd_port_bytes_total', { port: '1', direction: 'in' })).toBe(10_000);
    expect(metrics.value('ccmd_port_bytes_total', { port: '2', direction: 'in' })).toBe(0);
    expect(metrics.value('ccmd_sessions', { status: 'active' })).toBe(1);
    expect(metrics.value('ccmd_port_connections', { port: '1' })).toBe(1);
    expect(metrics.value('ccmd_logins_total', { method: 'ssh', result: 'success' })).toBe(1);
  });

  it('counts failed logins by way in, the API\'s among them', async () => {
    const api = `http://127.0.0.1:${daemon.ready.web}/api/v1/login`;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(api, { method: 'POST', body: JSON.stringify({ user: 'Admin', password: 'wrong-one' }) });
      expect(res.status).toBe(401);
    }
    expect((await scrape()).value('ccmd_logins_total', { method: 'api', result: 'failure' })).toBe(2);
  });
});
