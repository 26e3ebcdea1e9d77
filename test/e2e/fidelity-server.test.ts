/**
 * Issue 12 item 11 (server half) through real clients: SHOW SERVER with the time (UTC) and the
 * uptime; SERVER SET refused for what the host owns (ERR 45); the manual's hardware commands
 * answer ERR 46 with the reason, not `Unknown command`; SERVER REBOOT needs a terminal for its
 * question (`ccmd exec`: ERR 15). The reboot itself: server-reboot.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { portLabel, startDaemon, TEST_MAC, type DaemonProcess } from '../support/daemon.js';
import { WAYS } from '../support/login.js';
import { Logins, errorBlock } from './admin-fixture.js';

let daemon: DaemonProcess;
const logins = new Logins(() => daemon);

beforeAll(async () => { daemon = await startDaemon(); });
afterEach(() => logins.closeAll());
afterAll(async () => {
  await logins.closeAll();
  await daemon?.stop();
});

describe.each(WAYS)('over %s', (way) => {
  it('SHOW SERVER starts with the time in UTC and the uptime', async () => {
    const admin = await logins.login(way, 'Admin', 'admin-secret1');
    const before = Date.now();
    admin.send('SHOW SERVER\r');
    const text = await admin.expect(/Profile:\s+ccm1650 \(16 ports\)\r?\n/);
    const time = /Time:\s+(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\r?\n/.exec(text)?.[1];
    expect(Math.abs(Date.parse(time ?? '') - before)).toBeLessThan(5_000);
    expect(text).toMatch(/Uptime:\s+0d \d\d:\d\d:\d\d\r?\nStarted:\s+\S+Z\r?\n/);
  });

  it('item 10: a port with no name has the appliance\'s default one, xx-xx-xx-Pn, and answers to it', async () => {
    const user = await logins.login(way, `Admin:${portLabel(5).toLowerCase()}`, 'admin-secret1', {
      expect: `[ccmd] Connection complete: port 5 (${portLabel(5)})`,
    });
    user.send('\r');
    await user.expect('device5$ ');
    const names = await daemon.exec('SHOW PORT NAMES');
    expect(names.output).toContain(`5     ${portLabel(5)}`);
    expect((await daemon.exec('SHOW SERVER')).output).toMatch(new RegExp(`^MAC address:\\s+${TEST_MAC}$`, 'm'));
  });

  it('SERVER SET TIME= / IP= say the host owns them (ERR 45)', async () => {
    const admin = await logins.login(way, 'Admin', 'admin-secret1');
    admin.send('SERVER SET TIME=12:00:00\r');
    await admin.expect(errorBlock('SERVER SET TIME=12:00:00', 'TIME=12:00:00',
      'ERR 45 - Managed by the host system: TIME= the clock is the host\'s; ccmd runs without root and never sets it (set it on the host: NTP, timedatectl)'));
    admin.send('ser set ip=10.1.1.1\r');
    await admin.expect(/ERR 45 - Managed by the host system: IP= the network address is the host's/);
  });

  it('SERVER FLASH and SERVER NFS say which hardware is missing (ERR 46), not Unknown command', async () => {
    const admin = await logins.login(way, 'Admin', 'admin-secret1');
    admin.send('SERVER FLASH HOST=10.0.0.1 FILE=ccm.bin\r');
    await admin.expect(/\r?\n {7}-----\r?\nERR 46 - Not available without the appliance hardware: ccmd has no firmware or flash memory/);
    admin.send('SERVER NFS\r');
    await admin.expect(/ERR 46 - Not available without the appliance hardware: ccmd does not mount file systems/);
    expect(admin.output).not.toContain('Unknown command');
  });
});

it('ccmd exec SERVER REBOOT: the question needs a terminal (ERR 15), nothing restarts', async () => {
  const reply = await daemon.exec('SERVER REBOOT');
  expect(reply.status).toBe(1);
  expect(reply.output).toContain('ERR 15 - Not available on this connection: SERVER REBOOT asks Y/N');
  expect(daemon.child.exitCode).toBeNull();
});
