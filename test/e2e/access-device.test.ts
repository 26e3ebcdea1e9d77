/**
 * Keystrokes and bytes reaching a real device (a socat pty pair, SPEC §8): ^D^D sends one ^D
 * (SPEC §6, decided) through both real clients, and all 256 byte values cross Telnet BINARY
 * byte-exact both ways. The byte-exact check speaks Telnet itself over a raw socket, since the
 * telnet client would interpret some bytes on the way (its escape character, CR handling).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { WAYS } from '../support/login.js';
import { RawTelnet } from '../support/raw-telnet.js';
import { killAllPtyPairs, makePtyPair, openPeer, type PtyPair } from '../support/socat.js';
import { seededDataDir } from '../support/users.js';
import { CAST, Clients, holdPort, noticeLine, passwordOf } from './access-fixture.js';

let daemon: DaemonProcess;
let pairDir: string;
const pairs: PtyPair[] = [];
const peers: Duplex[] = [];
const clients = new Clients(() => daemon);
/** Port 1: ssh, port 2: telnet, port 3: raw Telnet BINARY. */
const DEVICE_PORTS = [1, 2, 3] as const;

beforeAll(async () => {
  pairDir = mkdtempSync(join(tmpdir(), 'ccmd-pty-'));
  for (const port of DEVICE_PORTS) pairs.push(await makePtyPair(pairDir, `dev${port}`));
  const config = { ports: Object.fromEntries(DEVICE_PORTS.map((port, i) => [String(port), { device: pairs[i]?.devicePath }])) };
  daemon = await startDaemon({ dataDir: await seededDataDir(CAST), config });
});
afterEach(async () => {
  await clients.closeAll();
  for (const peer of peers.splice(0)) peer.destroy();
});
afterAll(async () => {
  await clients.closeAll();
  await daemon?.stop();
  await killAllPtyPairs();
  rmSync(pairDir, { recursive: true, force: true });
});

/** The device's end of port `port`'s pty pair, collecting what ccmd writes to the device. */
function devicePeer(port: number): { peer: Duplex; received: () => Buffer; waitFor: (n: number, ms?: number) => Promise<Buffer> } {
  const pair = pairs[DEVICE_PORTS.indexOf(port as 1 | 2 | 3)];
  if (pair === undefined) throw new Error(`port ${port} has no pty pair`);
  const peer = openPeer(pair.peerPath);
  peers.push(peer);
  const chunks: Buffer[] = [];
  peer.on('data', (chunk: Buffer) => chunks.push(chunk));
  const received = (): Buffer => Buffer.concat(chunks);
  const waitFor = (n: number, ms = 5000): Promise<Buffer> => vi.waitFor(() => {
    expect(received().length, `bytes at the device: ${received().toString('hex')}`).toBeGreaterThanOrEqual(n);
    return received();
  }, { timeout: ms, interval: 10 });
  return { peer, received, waitFor };
}

describe.each(WAYS)('a socat device over %s', (way) => {
  const port = way === 'ssh' ? 1 : 2;

  it('^D^D sends one ^D to the device; a lone ^D goes to the CLI and sends nothing', async () => {
    const device = devicePeer(port);
    const client = await holdPort(clients, way, 'usr1', port);
    device.peer.write('from the device\r\n');
    await client.expect('from the device');
    client.send('a\x04\x04b');
    expect((await device.waitFor(3)).toString('latin1')).toBe('a\x04b');
    client.send('\x04');
    await client.expect('> ');
    client.send('RESUME\r');
    await client.expect('RESUME');
    client.send('z');
    expect((await device.waitFor(4)).toString('latin1')).toBe('a\x04bz');
  });
});

describe('Telnet BINARY to a socat device', () => {
  const port = 3;
  const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

  it('carries all 256 byte values byte-exact in both directions', async () => {
    const device = devicePeer(port);
    const telnet = await RawTelnet.open(daemon.ready.telnet, { binary: true });
    try {
      await telnet.expect('Username:');
      telnet.sendData(Buffer.from('usr1\r'));
      await telnet.expect('Password:');
      telnet.sendData(Buffer.from(`${passwordOf('usr1')}\r`));
      await telnet.expect('> ');
      telnet.sendData(Buffer.from(`CONNECT ${port}\r`));
      await telnet.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)})`));
      expect(telnet.binaryAgreed()).toEqual({ serverSends: true, serverReceives: true });

      // Client → device: IAC doubled by Telnet (RFC 854), ^D doubled for the access character (SPEC §6).
      telnet.sendData(ALL_BYTES, { doubleAccessChar: 0x04 });
      expect((await device.waitFor(256)).equals(ALL_BYTES)).toBe(true);

      // Device → client: IAC IAC arrives for 0xFF; RawTelnet un-doubles it.
      const mark = telnet.bytes.length;
      device.peer.write(ALL_BYTES);
      const back = await telnet.waitForBytes(mark + 256);
      expect(back.subarray(mark).toString('hex')).toBe(ALL_BYTES.toString('hex'));
    } finally {
      telnet.destroy();
    }
  });
});
