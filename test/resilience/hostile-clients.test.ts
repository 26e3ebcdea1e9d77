/**
 * Hostile clients on the wire: a bogus huge SSH packet, and logins that never finish (slowloris;
 * `loginTimeoutSeconds: 2` here). Each connection is dropped and the daemon keeps serving.
 * Password guessing is in password-guessing.test.ts.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { loginAs } from '../support/login.js';
import { RawTelnet, rawTelnetLogin } from '../support/raw-telnet.js';
import { seededDataDir } from '../support/users.js';

const DAVE_PASSWORD = 'dave-right1';

let daemon: DaemonProcess;

function daemonAlive(): boolean {
  return daemon.child.exitCode === null && daemon.child.signalCode === null;
}

/** A raw TCP client that collects what the server sends and reports when it is closed. */
function rawTcp(port: number): Promise<{ socket: Socket; received: () => Buffer; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server hangs up: expected
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.once('connect', () => resolve({ socket, received: () => Buffer.concat(chunks), closed }));
    socket.once('error', reject);
  });
}

async function closedWithin(closed: Promise<void>, ms: number, what: string): Promise<number> {
  const start = Date.now();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: still open after ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
  return Date.now() - start;
}

beforeAll(async () => {
  const dataDir = await seededDataDir([{ name: 'dave', password: DAVE_PASSWORD }]);
  daemon = await startDaemon({ dataDir, config: { loginTimeoutSeconds: 2 } });
});

afterAll(async () => {
  await daemon?.stop();
});

describe('oversized SSH packets', () => {
  it.each([
    ['a packet claiming 2 GiB', Buffer.from([0x7f, 0xff, 0xff, 0xf0])],
    ['a packet claiming 4 GiB', Buffer.from([0xff, 0xff, 0xff, 0xff])],
    ['a packet claiming 1 MiB, then sending it', Buffer.concat([Buffer.from([0x00, 0x10, 0x00, 0x00, 0x04, 0x14]), Buffer.alloc(1 << 20, 0x41)])],
  ])('%s after the version exchange: dropped, the daemon carries on', async (_name, packet) => {
    const client = await rawTcp(daemon.ready.ssh);
    await vi.waitFor(() => { expect(client.received().includes('SSH-2.0-'), 'the server version').toBe(true); }, { timeout: 5000 });
    client.socket.write('SSH-2.0-OpenSSH_9.6 hostile\r\n');
    client.socket.write(packet);
    client.socket.write(Buffer.alloc(256 * 1024, 0x42));
    await closedWithin(client.closed, 5000, 'the hostile SSH connection');
    expect(daemonAlive()).toBe(true);
  });

  it('a version line that never ends is dropped too', async () => {
    const client = await rawTcp(daemon.ready.ssh);
    client.socket.write(`SSH-2.0-${'x'.repeat(512 * 1024)}`);
    await closedWithin(client.closed, 5000, 'the endless version line');
    expect(daemonAlive()).toBe(true);
    // ...and a real client still logs in afterwards.
    const fine = await loginAs(daemon, 'ssh', 'dave', DAVE_PASSWORD);
    fine.send('QUIT\r');
    await fine.waitExit(5000);
  });
});

describe('slowloris logins (loginTimeoutSeconds: 2)', () => {
  it('Telnet logins typed one byte at a time, at the name or the password, are closed by the time-out', async () => {
    const started = Date.now();
    const dribblers = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      const client = await RawTelnet.open(daemon.ready.telnet);
      await client.expect('Username:');
      if (i % 2 === 1) {
        client.send('dave\r\n');
        await client.expect('Password:');
      }
      const timer = setInterval(() => client.send('x'), 250);
      void client.closed.then(() => clearInterval(timer));
      return client;
    }));
    await Promise.all(dribblers.map((c) => c.expectClosed(6000)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(daemonAlive()).toBe(true);
  });

  it('SSH connections that never send a byte are closed by the time-out', async () => {
    const silent = await Promise.all(Array.from({ length: 20 }, () => rawTcp(daemon.ready.ssh)));
    const took = await Promise.all(silent.map((c) => closedWithin(c.closed, 6000, 'a silent SSH connection')));
    expect(Math.max(...took)).toBeGreaterThanOrEqual(1500);
    const fine = await rawTelnetLogin(daemon.ready.telnet, 'dave', DAVE_PASSWORD, { expect: '> ' });
    fine.destroy();
  });
});
