/**
 * Issue 12, item 11 (hardware): PORT n SET POWER= / TOGGLE= / TD= and SHOW PORT n's power status,
 * counters and who is connected, over REAL clients (OpenSSH, telnet) against the daemon, with a
 * socat pty (no modem lines: answered "not supported by this device" as PORT BREAK is) and the
 * built-in simulated device (CTS/DSR/DCD high; hangs up when DTR drops).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DaemonProcess } from '../support/daemon.js';
import { WAYS } from '../support/login.js';
import { ADMIN_RIGHTS, Logins, closeDaemonAndPtys, errorBlock, execOk, startDaemonOnPtys } from './admin-fixture.js';
import { apiClient } from './api-fixture.js';

const PTY_PORT = 5;
/** A pty port whose POWER= came from the config file (the CLI would refuse it). */
const PTY_POWER_PORT = 6;
let daemon: DaemonProcess;
let ptyDir: string;
const logins = new Logins(() => daemon);

beforeAll(async () => {
  ({ daemon, ptyDir } = await startDaemonOnPtys('ccmd-hw-pty-', ['dev5', 'dev6'], ([pty, pty6]) => ({ web: true, config: { ports: {
    [String(PTY_PORT)]: { device: pty!.devicePath },
    [String(PTY_POWER_PORT)]: { device: pty6!.devicePath, power: 'DCD' },
  } } }), [
    { name: 'adm1', password: 'adm1-pass1', access: ADMIN_RIGHTS },
    { name: 'plain', password: 'plain-pass1', access: 'P3,SMON' },
  ]));
});
afterEach(() => logins.closeAll());
afterAll(() => closeDaemonAndPtys(logins, daemon, ptyDir));

const portLog = (n: number): string => {
  const file = join(daemon.dataDir, 'logs', `port${n}.log`);
  return existsSync(file) ? readFileSync(file, 'latin1') : '';
};

describe.each(WAYS)('modem-line settings over %s', (way) => {
  it('a socat pty has no modem lines: POWER= and TOGGLE=DTR get ERR 16 as PORT BREAK does, nothing saved', async () => {
    const admin = await logins.login(way, 'adm1', 'adm1-pass1');
    admin.send(`PORT ${PTY_PORT} SET POWER=CTS\r`);
    await admin.expect(errorBlock(`PORT ${PTY_PORT} SET POWER=CTS`, 'POWER=CTS', 'ERR 16 - Device error: not supported by this device'));
    admin.send(`PORT ${PTY_PORT} SET TOGGLE=DTR\r`);
    await admin.expect(errorBlock(`PORT ${PTY_PORT} SET TOGGLE=DTR`, 'TOGGLE=DTR', 'ERR 16 - Device error: not supported by this device'));
    admin.send(`PORT ${PTY_PORT} BREAK\r`);
    await admin.expect(errorBlock(`PORT ${PTY_PORT} BREAK`, String(PTY_PORT), 'ERR 16 - Device error: not supported by this device'));
    const shown = await execOk(daemon, `SHOW PORT ${PTY_PORT}`);
    expect(shown).toMatch(/^Power:\s+NONE$/m);
    expect(shown).toMatch(/^Toggle:\s+NONE$/m);
  });

  it('a pty whose POWER= came from the config shows the power status as not supported', async () => {
    const admin = await logins.login(way, 'adm1', 'adm1-pass1');
    admin.send(`SHOW PORT ${PTY_POWER_PORT}\r`);
    await admin.expect(/Power:\s+DCD,HIGH\r\nPower status:\s+not supported by this device\r\n/);
  });
});

describe('the simulated device has modem lines', () => {
  it('POWER=CTS,LOW reads OFF (CTS is high), POWER=DSR reads ON; the manual\'s rules are kept', async () => {
    const admin = await logins.login('ssh', 'adm1', 'adm1-pass1');
    admin.send('PORT 2 SET POWER=CTS,LOW\r');
    admin.send('SHOW PORT 2\r');
    await admin.expect(/Power:\s+CTS,LOW\r\nPower status:\s+OFF \(CTS high\)\r\n/);
    admin.send('PORT 2 SET POWER=dsr\r');
    admin.send('SHOW PORT 2\r');
    await admin.expect(/Power:\s+DSR,HIGH\r\nPower status:\s+ON \(DSR high\)\r\n/);
    admin.send('PORT 2 SET FLOW=RTSCTS POWER=CTS\r');
    await admin.expect('ERR 03 - Invalid value: POWER=CTS,HIGH clashes with FLOW=RTSCTS: CTS is the flow control line');
    admin.send('PORT 2 SET TD=SPC BAUD=19200\r');
    await admin.expect('ERR 03 - Invalid value: BAUD= does not apply to a TD=SPC port (NAME= and GROUP= only)');
    // The host command line derives --power/--toggle/--td from the same settings table.
    const set = await daemon.cli(['port', 'set', '2', '--power', 'dcd,low', '--toggle', 'dtr']);
    expect(set).toMatchObject({ code: 0 });
    const shown = await daemon.exec('SHOW PORT 2', true);
    expect(shown.data).toMatchObject({ port: { power: 'DCD,LOW', toggle: 'DTR', td: 'CONSOLE' }, power: { state: 'OFF' } });
  });

  it('TOGGLE=DTR: when the session ends DTR drops and the device hangs up; TOGGLE=NONE leaves it be', async () => {
    await execOk(daemon, 'PORT 3 SET TOGGLE=DTR');
    await execOk(daemon, 'PORT 4 SET TOGGLE=NONE');
    // Port 4 first: by the time port 3's device has hung up, port 4's would have too.
    for (const port of [4, 3]) {
      const user = await logins.login('telnet', 'adm1', 'adm1-pass1');
      user.send(`CONNECT ${port}\r`);
      await user.expect(new RegExp(`Connection complete: port ${port}\\b`));
      user.send('x\r');
      await user.expect(`device${port}$ `);
      user.send('\x04');
      await user.expect('> ');
      user.send('DISCONNECT\r');
      await user.expect(`Connection disconnected: port ${port}`);
    }
    await vi.waitFor(() => { expect(portLog(3)).toContain('device3 hung up (DTR dropped)'); }, { timeout: 10_000, interval: 100 });
    // Port 4 had the same session and no toggle: its device never hung up.
    await vi.waitFor(() => { expect(portLog(4)).toContain('device4$ '); }, { timeout: 10_000, interval: 100 });
    expect(portLog(4)).not.toContain('hung up');
  });
});

describe('SHOW PORT n counters and who is connected', () => {
  it('TX/RX bytes as typed and echoed, errors, and each connection with its session and mode', async () => {
    const holder = await logins.login('ssh', 'plain', 'plain-pass1');
    holder.send('CONNECT 3\r');
    await holder.expect(/Connection complete: port 3\b/);
    const before = (await daemon.exec('SHOW PORT 3', true)).data as { port: { counters: { txBytes: number; rxBytes: number } } };
    holder.send('abc\r');
    await holder.expect('abc\r\ndevice3$ ');
    const sessions = (await daemon.exec('SHOW SESSIONS', true)).data as { port: number; session: string | null }[];
    const session = sessions.find((row) => row.port === 3)?.session ?? '';
    expect(session).toMatch(/^S\d+$/);
    const watcher = await logins.login('telnet', 'adm1', 'adm1-pass1');
    watcher.send('LISTEN 3\r');
    await watcher.expect(/Connection complete: port 3\b/);
    const shown = await execOk(daemon, 'SHOW PORT 3');
    const { txBytes, rxBytes } = before.port.counters;
    // `abc` and Enter go out (4 bytes); `abc` and CR LF + `device3$ ` come back (14 bytes).
    expect(shown).toMatch(new RegExp(`^TX bytes:\\s+${txBytes + 4}$`, 'm'));
    expect(shown).toMatch(new RegExp(`^RX bytes:\\s+${rxBytes + 14}$`, 'm'));
    expect(shown).toMatch(/^Errors:\s+0$/m);
    expect(shown).toMatch(/^Users:\s+2$/m);
    expect(shown).toMatch(new RegExp(`^ {2}plain\\s+${session}\\s+rw$`, 'm'));
    expect(shown).toMatch(new RegExp(`^ {2}adm1\\s+${session}\\s+listen$`, 'm'));
  });
});

describe('the JSON API takes the same settings (its port schema derives from the settings table)', () => {
  it('PATCH /ports/{n} POWER/TOGGLE/TD, refused on a pty as the CLI does; GET shows counters and connections', async () => {
    const api = apiClient(daemon);
    const patched = await api('PATCH', '/api/v1/ports/7', { body: { power: 'cts,low', toggle: 'DTR' } });
    expect(patched.status).toBe(200);
    expect(patched.body.ports[0]).toMatchObject({ port: 7, power: 'CTS,LOW', toggle: 'DTR', td: 'CONSOLE', counters: { errors: 0 }, connections: [] });
    const refused = await api('PATCH', `/api/v1/ports/${PTY_PORT}`, { body: { toggle: 'DTR' } });
    expect(refused.status).toBe(502);
    expect(refused.body).toEqual({ error: { code: 'ERR 16', message: 'Device error: not supported by this device', field: 'toggle' } });
    const bad = await api('PATCH', '/api/v1/ports/7', { body: { td: 'PDU' } });
    expect(bad.status).toBe(422);
    expect((await api('GET', '/api/v1/ports/7')).body.port).toMatchObject({ power: 'CTS,LOW', counters: { txBytes: 0 } });
  });
});
