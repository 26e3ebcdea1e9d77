/**
 * Issue 12 item 4: `PORT n SET SOCKET=` is live. The port's Telnet socket moves at once (a real
 * telnet client logs in on the new number, the old one refuses, a connection made before the
 * move keeps working), a number another listener holds is refused with ERR 40, and the setting
 * survives a restart.
 */
import { createServer, connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { seededDataDir } from '../support/users.js';
import { Logins, errorBlock } from './admin-fixture.js';
import { noticeLine } from './access-fixture.js';

let daemon: DaemonProcess;
let dataDir: string;
const logins = new Logins(() => daemon);

beforeAll(async () => {
  dataDir = await seededDataDir([{ name: 'adm1', password: 'adm1-pass1', access: 'APPLIANCEADMIN' }]);
  daemon = await startDaemon({ dataDir, portListeners: true });
});
afterEach(() => logins.closeAll());
afterAll(async () => {
  await logins.closeAll();
  await daemon?.stop();
});

/** A TCP port nothing listens on right now (bound once by the kernel's choice, then let go). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on `port` now. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

describe('PORT n SET SOCKET=', () => {
  it('moves port 5 at once; the old socket stops accepting while its connection keeps working', async () => {
    const before = daemon.ready.portTelnet['5'] as number;
    const old = await logins.login('telnet', 'adm1', 'adm1-pass1', { tcpPort: before, expect: noticeLine(`Connection complete: port 5 (${portLabel(5)})`) });
    const admin = await logins.login('telnet', 'adm1', 'adm1-pass1');
    const moved = await freePort();
    admin.send(`PORT 5 SET SOCKET=${moved}\r`);
    admin.send('SHOW PORT 5\r');
    await admin.expect(new RegExp(`Socket:\\s+${moved}\\r?\\n`));
    expect(admin.output).not.toContain('ERR');
    expect(await accepts(before)).toBe(false);
    // The connection made on the old socket is still on the port.
    old.send('still-here\r');
    await old.expect('still-here\r\ndevice5$ ');
    // The new socket leads to port 5: in use, so the equal-level choice of SPEC §4 is offered.
    await logins.login('telnet', 'adm1', 'adm1-pass1', { tcpPort: moved, expect: 'Port 5 in use by adm1 (APPLIANCEADMIN)' });
  });

  it('refuses a number another listener holds, with ERR 40 naming it, and changes nothing', async () => {
    const admin = await logins.login('telnet', 'adm1', 'adm1-pass1');
    const cases: [number, string][] = [
      [daemon.ready.telnet, 'telnet-cli'],
      [daemon.ready.ssh, 'ssh-cli'],
      [daemon.ready.portSsh['6'] as number, 'ssh-port-6'],
      [daemon.ready.portTelnet['7'] as number, 'telnet-port-7'],
    ];
    for (const [taken, holder] of cases) {
      const line = `PORT 6 SET SOCKET=${taken}`;
      admin.send(`${line}\r`);
      await admin.expect(errorBlock(line, `SOCKET=${taken}`, `ERR 40 - Socket in use: TCP port ${taken} is already used by ${holder}`));
    }
    expect(await accepts(daemon.ready.portTelnet['6'] as number)).toBe(true);
    // A port some other program holds: the bind itself is refused.
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', () => r()));
    const held = (squatter.address() as { port: number }).port;
    try {
      admin.send(`PORT 6 SET SOCKET=${held}\r`);
      await admin.expect(`ERR 40 - Socket in use: TCP port ${held} cannot be used`);
    } finally {
      squatter.close();
    }
    const shown = await daemon.exec('SHOW PORT 6', true);
    expect(shown.data).toMatchObject({ port: { socket: null } });
  });

  it('survives a restart; SOCKET= with no value goes back to the base', async () => {
    const moved = await freePort();
    expect((await daemon.exec(`PORT 8 SET SOCKET=${moved}`)).status).toBe(0);
    await daemon.stop({ keepData: true });
    daemon = await startDaemon({ dataDir, portListeners: true });
    expect(daemon.ready.portTelnet['8']).toBe(moved);
    await logins.login('telnet', 'adm1', 'adm1-pass1', { tcpPort: moved, expect: noticeLine(`Connection complete: port 8 (${portLabel(8)})`) });
    expect((await daemon.exec('PORT 8 SET SOCKET=')).status).toBe(0);
    expect(await accepts(moved)).toBe(false);
  });
});
