/**
 * Clients that vanish without a FIN (SPEC §4 limits; config `outputStallSeconds`): a client that
 * stops reading while its port streams, or whose process is frozen with SIGSTOP, must not hold
 * its place on the port. The daemon cuts it off once its output has been stuck for the stall
 * time (2 s here) and the place goes to the next user.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InteractiveClient } from '../support/clients.js';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { liveConnectionsByPort, openReadOnly, recordedConnections } from '../support/db-probe.js';
import { floodDevice, type Flood } from '../support/device-flood.js';
import { loginAs, WAYS } from '../support/login.js';
import { joinPortRaw, type RawTelnet } from '../support/raw-telnet.js';
import { killAllPtyPairs, makePtyPair, openPeer, type PtyPair } from '../support/socat.js';
import { seedUsers } from '../support/users.js';

const PASSWORD = 'stall-pass1';
const USERS = ['live', 'slow', 'fill1', 'fill2', 'late', 'frozen', 'next'];

let dir: string;
let pty: PtyPair;
let peer: Duplex;
let daemon: DaemonProcess;
let flood: Flood | null = null;
const raws: RawTelnet[] = [];
const reals: InteractiveClient[] = [];

/** Whether the daemon recorded `user`'s connection to port 1 as left. */
function hasLeft(user: string): boolean {
  const db = openReadOnly(daemon.dataDir);
  try {
    const mine = recordedConnections(db).filter((c) => c.user === user && c.port === 1);
    return mine.length > 0 && mine.every((c) => c.leftAt !== null);
  } finally {
    db.close();
  }
}

function portOneConnections(): number {
  const db = openReadOnly(daemon.dataDir);
  try {
    return liveConnectionsByPort(db).get(1) ?? 0;
  } finally {
    db.close();
  }
}

async function attach(user: string): Promise<RawTelnet> {
  const result = await joinPortRaw(daemon.ready.telnet, `${user}:1`, PASSWORD);
  raws.push(result.client);
  expect(result.outcome, result.notice).toBe('connected');
  return result.client;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccmd-stall-'));
  pty = await makePtyPair(dir, 'dev1');
  peer = openPeer(pty.peerPath);
  peer.on('data', () => undefined); // keystrokes reaching the device are not this file's concern
  const dataDir = join(dir, 'data');
  await seedUsers(dataDir, USERS.map((name) => ({ name, password: PASSWORD })), { server: { share: 'AUTO' } });
  daemon = await startDaemon({ dataDir, config: { outputStallSeconds: 2, ports: { 1: { device: pty.devicePath } } } });
});

afterEach(async () => {
  await flood?.stop();
  flood = null;
  for (const pid of reals.flatMap((c) => c.processIds)) {
    try { process.kill(pid, 'SIGCONT'); } catch { /* gone */ }
  }
  await Promise.all(reals.splice(0).map((c) => c.close()));
  for (const raw of raws.splice(0)) raw.destroy();
  await vi.waitFor(() => { expect(portOneConnections(), 'port 1 to be free').toBe(0); }, { timeout: 10_000 });
});

afterAll(async () => {
  await daemon?.stop();
  peer?.destroy();
  await killAllPtyPairs();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('a client that stops taking output', () => {
  it('is cut off after the stall time and its place on a full port goes to the next user', async () => {
    await attach('live');
    const slow = await attach('slow');
    await attach('fill1');
    await attach('fill2');
    const full = await joinPortRaw(daemon.ready.telnet, 'late:1', PASSWORD);
    raws.push(full.client);
    expect(full.outcome, 'the port holds 4 (SPEC §4)').toBe('declined');
    expect(full.notice).not.toContain('S)hare');
    await full.client.expectClosed(5000);

    slow.stopReading();
    flood = floodDevice(peer);
    await vi.waitFor(() => { expect(hasLeft('slow'), 'the daemon to cut the frozen reader off').toBe(true); }, { timeout: 30_000 });
    const streamed = flood.bytes;
    await flood.stop();
    flood = null;

    expect(hasLeft('live') || hasLeft('fill1') || hasLeft('fill2'), 'readers that keep reading stay attached').toBe(false);
    // The daemon logs asynchronously: the line may reach us a little after the effect.
    const stallLine = /"user":"slow"[^\n]*client stopped reading port output|client stopped reading port output[^\n]*"user":"slow"/;
    await vi.waitFor(() => { expect(stallLine.test(daemon.log()), 'the stall to be logged').toBe(true); }, { timeout: 10_000 });
    expect(streamed).toBeGreaterThan(0);
    // The socket itself is closed too (after the daemon's close grace), not left half-open; a
    // paused socket only notices once it reads again.
    slow.resumeReading();
    await slow.expectClosed(15_000);

    await attach('late');
  }, 60_000);

  it.each(WAYS)('a real %s client frozen with SIGSTOP is cut off and the port becomes free', async (way) => {
    const frozen = await loginAs(daemon, way, 'frozen:1', PASSWORD, { expect: '[ccmd] Connection complete: port 1' });
    reals.push(frozen);
    const pids = frozen.processIds;
    expect(pids.length, 'the client runs under script').toBeGreaterThan(1);
    process.kill(pids[0] as number, 'SIGSTOP'); // the client itself; script then stops too

    flood = floodDevice(peer);
    await vi.waitFor(() => { expect(hasLeft('frozen'), `the daemon to cut the frozen ${way} client off`).toBe(true); }, { timeout: 30_000 });
    await flood.stop();
    flood = null;
    expect(portOneConnections()).toBe(0);

    for (const pid of pids) process.kill(pid, 'SIGCONT');
    // Woken up, the client finds its connection closed by the daemon and exits on its own.
    await frozen.waitExit(15_000);

    // The port is idle again: the next user connects at once, with no choice to make.
    const next = await joinPortRaw(daemon.ready.telnet, 'next:1', PASSWORD);
    raws.push(next.client);
    expect(next.outcome).toBe('connected');
    expect(next.notice).toBe(`[ccmd] Connection complete: port 1 (${portLabel(1)})`);
  }, 60_000);
});
