/**
 * Login storms (SPEC §4 limits, §9): 200 logins at once on one port and over all ports. At no
 * moment does a port hold more than 4 connections or the ccm1650 appliance more than 32; every
 * client left out is told why (limit notice, or the E/N/D choice it declines); the daemon stays
 * responsive. The counts are sampled while the storm runs from two places: the broker (`SHOW
 * SESSIONS --json` over the control socket) and what it committed to the database.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_PASSWORD, startDaemon, type DaemonProcess } from '../support/daemon.js';
import { liveConnectionsByPort, openReadOnly } from '../support/db-probe.js';
import { joinPortRaw, rawTelnetLogin, type JoinResult, type RawTelnet } from '../support/raw-telnet.js';
import { seededDataDir } from '../support/users.js';

const PASSWORD = 'storm-pass1';
const USERS = Array.from({ length: 8 }, (_, i) => `storm${i}`);
const PER_PORT = 4;
const APPLIANCE = 32; // ccm1650 (SPEC §1)
const STORM = 200;

let daemon: DaemonProcess;
const open: RawTelnet[] = [];

interface Peak {
  perPort: number;
  total: number;
  samples: number;
}

/** Samples the broker and the database until `stop` resolves; returns the highest counts seen. */
async function sampleWhile(stop: Promise<unknown>): Promise<{ broker: Peak; db: Peak }> {
  const broker: Peak = { perPort: 0, total: 0, samples: 0 };
  const db: Peak = { perPort: 0, total: 0, samples: 0 };
  let running = true;
  void stop.finally(() => { running = false; });
  const file = openReadOnly(daemon.dataDir);
  try {
    while (running) {
      const reply = await daemon.exec('SHOW SESSIONS', true);
      const rows = reply.data as { users: unknown[] }[];
      const counts = rows.map((r) => r.users.length);
      note(broker, counts);
      note(db, [...liveConnectionsByPort(file).values()]);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    file.close();
  }
  return { broker, db };
}

function note(peak: Peak, counts: number[]): void {
  peak.samples++;
  peak.perPort = Math.max(peak.perPort, ...counts, 0);
  peak.total = Math.max(peak.total, counts.reduce((a, b) => a + b, 0));
}

async function storm(target: (i: number) => { tcpPort: number; name: string }): Promise<{ results: JoinResult[]; broker: Peak; db: Peak }> {
  const attempts = Promise.all(Array.from({ length: STORM }, async (_, i) => {
    const { tcpPort, name } = target(i);
    const result = await joinPortRaw(tcpPort, name, PASSWORD, { timeoutMs: 60_000 });
    open.push(result.client);
    return result;
  }));
  const [results, peaks] = await Promise.all([attempts, sampleWhile(attempts)]);
  return { results, ...peaks };
}

/** Every client left out was told why in SPEC §7's words, and was then disconnected (SPEC §9). */
async function expectRefusalsExplained(results: JoinResult[]): Promise<void> {
  const refused = results.filter((r) => r.outcome !== 'connected');
  for (const r of refused) {
    expect(r.outcome === 'limit' || r.outcome === 'declined', `${r.outcome}: ${r.notice}`).toBe(true);
    if (r.outcome === 'limit') expect(r.notice).toMatch(/^\[ccmd\] (Port \d+|Appliance) session limit reached$/);
    // A full port offers E, N or D to an equal-level user, never S (SPEC §9).
    if (r.outcome === 'declined') expect(r.notice).toMatch(/^\[ccmd\] Port \d+ in use by storm\d \(USER\)\. E\)xclusive, N\)on-exclusive, D\)on't connect\?$/);
  }
  await Promise.all(refused.map((r) => r.client.expectClosed(10_000)));
}

async function expectResponsive(): Promise<void> {
  const fresh = await rawTelnetLogin(daemon.ready.telnet, 'Admin', ADMIN_PASSWORD, { expect: '> ', timeoutMs: 5000 });
  fresh.send('QUIT\r\n');
  await fresh.expectClosed(5000);
}

beforeAll(async () => {
  const dataDir = await seededDataDir(USERS.map((name) => ({ name, password: PASSWORD })), { server: { share: 'AUTO' } });
  daemon = await startDaemon({ dataDir, portListeners: true });
});

afterEach(async () => {
  for (const client of open.splice(0)) client.destroy();
  await vi.waitFor(async () => {
    const rows = (await daemon.exec('SHOW SESSIONS', true)).data as { users: unknown[] }[];
    expect(rows.filter((r) => r.users.length > 0), 'ports still busy after the storm clients left').toEqual([]);
  }, { timeout: 10_000 });
});

afterAll(async () => {
  await daemon?.stop();
});

describe('200 logins at once', () => {
  it('on one port: never more than 4 on it, 4 get in, everyone else is told why', async () => {
    const { results, broker, db } = await storm((i) => (i % 2 === 0
      ? { tcpPort: daemon.ready.portTelnet[1] as number, name: USERS[i % USERS.length] as string }
      : { tcpPort: daemon.ready.telnet, name: `${USERS[i % USERS.length]}:1` }));
    expect(broker.samples).toBeGreaterThan(3);
    expect(broker.perPort).toBeLessThanOrEqual(PER_PORT);
    expect(db.perPort).toBeLessThanOrEqual(PER_PORT);
    expect(results.filter((r) => r.outcome === 'connected')).toHaveLength(PER_PORT);
    await expectRefusalsExplained(results);
    await expectResponsive();
  }, 85_000);

  it('over all 16 ports: never more than 4 per port nor 32 in all, 32 get in, everyone else is told why', async () => {
    const { results, broker, db } = await storm((i) => {
      const port = (i % 16) + 1;
      const name = USERS[i % USERS.length] as string;
      return i % 3 === 0
        ? { tcpPort: daemon.ready.portTelnet[port] as number, name }
        : { tcpPort: daemon.ready.telnet, name: `${name}:${port}` };
    });
    expect(broker.samples).toBeGreaterThan(3);
    expect(broker.perPort).toBeLessThanOrEqual(PER_PORT);
    expect(broker.total).toBeLessThanOrEqual(APPLIANCE);
    expect(db.perPort).toBeLessThanOrEqual(PER_PORT);
    expect(db.total).toBeLessThanOrEqual(APPLIANCE);
    const connected = results.filter((r) => r.outcome === 'connected');
    expect(connected).toHaveLength(APPLIANCE);
    const perPort = new Map<string, number>();
    for (const r of connected) {
      const port = /port (\d+)/.exec(r.notice)?.[1] as string;
      perPort.set(port, (perPort.get(port) ?? 0) + 1);
    }
    expect(Math.max(...perPort.values())).toBeLessThanOrEqual(PER_PORT);
    // The appliance limit, not the ports', turned someone away: a port with room refused them.
    const stoppedByAppliance = results.filter((r) => r.outcome !== 'connected').filter((r) => {
      if (r.notice === '[ccmd] Appliance session limit reached') return true;
      const port = /Port (\d+)/.exec(r.notice)?.[1] as string;
      return (perPort.get(port) ?? 0) < PER_PORT;
    });
    expect(stoppedByAppliance.length, 'refused by the appliance limit').toBeGreaterThan(0);
    await expectRefusalsExplained(results);
    await expectResponsive();
  }, 85_000);
});
