/**
 * A serial device that disappears and comes back under attached users (SPEC §5 device lost /
 * device back, §7 notices): everyone on the port is told both times, nobody is dropped, and
 * bytes flow both ways again once the device is back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InteractiveClient } from '../support/clients.js';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { loginAs, type Way } from '../support/login.js';
import { joinPortRaw } from '../support/raw-telnet.js';
import { killAllPtyPairs, makePtyPair, openPeer, type PtyPair } from '../support/socat.js';
import { seedUsers } from '../support/users.js';

const PASSWORD = 'fault-pass1';
const ATTACHED: readonly [string, Way][] = [['ann', 'telnet'], ['ben', 'ssh'], ['cat', 'telnet'], ['dan', 'ssh']];

let dir: string;
let pty: PtyPair;
let peer: Duplex;
let fromClients = '';
let daemon: DaemonProcess;
const clients: InteractiveClient[] = [];

function usePeer(): void {
  peer = openPeer(pty.peerPath);
  peer.on('data', (chunk: Buffer) => { fromClients += chunk.toString('latin1'); });
}

/** Logs in straight to port 1 and, offered the SPEC §4 choice, shares. */
async function attachToPortOne(user: string, way: Way): Promise<InteractiveClient> {
  const client = await loginAs(daemon, way, `${user}:1`, PASSWORD, { expect: /Connection complete: port 1|D\)on't connect\?/ });
  clients.push(client);
  if (!/D\)on't connect\?\s*$/.test(client.output)) return client;
  client.send('S');
  await client.expect('[ccmd] Connection complete: port 1', 10_000);
  return client;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccmd-fault-'));
  pty = await makePtyPair(dir, 'dev1');
  usePeer();
  const dataDir = join(dir, 'data');
  await seedUsers(dataDir, [...ATTACHED.map(([name]) => ({ name, password: PASSWORD })), { name: 'eve', password: PASSWORD }],
    { server: { share: 'AUTO' } });
  daemon = await startDaemon({ dataDir, config: { ports: { 1: { device: pty.devicePath } } } });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await daemon?.stop();
  peer?.destroy();
  await killAllPtyPairs();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('a serial device lost and restored under four attached users', () => {
  it('tells all four, keeps them attached, and carries bytes both ways again', async () => {
    for (const [user, way] of ATTACHED) await attachToPortOne(user, way);
    peer.write('before-the-loss\r\n');
    await Promise.all(clients.map((c) => c.expect('before-the-loss', 5000)));

    peer.destroy();
    await pty.kill();
    await Promise.all(clients.map((c) => c.expect('[ccmd] Port 1 device lost', 10_000)));

    // Meanwhile a new user is refused with SPEC §7's text, not attached to a dead port.
    const meanwhile = await joinPortRaw(daemon.ready.telnet, 'eve:1', PASSWORD);
    expect(meanwhile.outcome).toBe('unavailable');
    expect(meanwhile.notice).toBe('[ccmd] Connection failed: port 1 device unavailable');
    await meanwhile.client.expectClosed(5000);

    await pty.restart();
    usePeer();
    await Promise.all(clients.map((c) => c.expect('[ccmd] Port 1 device back', 15_000)));

    // Device → every user.
    peer.write('after-the-restore\r\n');
    await Promise.all(clients.map((c) => c.expect('after-the-restore', 5000)));
    // Every user → device: still attached in read-write mode, not dropped to a prompt.
    for (const [index, client] of clients.entries()) {
      const word = `typed-by-${ATTACHED[index]?.[0]}`;
      client.send(word);
      await vi.waitFor(() => { expect(fromClients.includes(word), `${word} to reach the device`).toBe(true); }, { timeout: 5000 });
    }
    for (const client of clients) expect(client.hasExited).toBe(false);
  }, 80_000);
});
