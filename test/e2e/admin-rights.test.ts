/**
 * Issue 5, rights and admin actions over REAL clients (OpenSSH, telnet): a plain USER refused an
 * admin command with the SPEC §9 three-line error (password masked), PORT BREAK on a simulated
 * and on a socat pty device, USER DELETE of a logged-in user (SPEC §7 `Logged out by`), USER
 * LOGOUT refused across levels, and PORT n HISTORY (SPEC §6 history mode).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type DaemonProcess, portLabel } from '../support/daemon.js';
import { WAYS } from '../support/login.js';
import { noticeLine } from './access-fixture.js';
import { ADMIN_RIGHTS, Logins, addUsers, closeDaemonAndPtys, errorBlock, startDaemonOnPtys } from './admin-fixture.js';

const PTY_PORT = 5;
let daemon: DaemonProcess;
let ptyDir: string;
const logins = new Logins(() => daemon);

beforeAll(async () => {
  ({ daemon, ptyDir } = await startDaemonOnPtys('ccmd-admin-pty-', ['dev5'], ([pty]) => ({
    config: { ports: { [String(PTY_PORT)]: { device: pty!.devicePath } } },
  }), [
    { name: 'plain', password: 'plain-pass1' },
    { name: 'adm1', password: 'adm1-pass1', access: ADMIN_RIGHTS },
  ]));
});
afterEach(() => logins.closeAll());
afterAll(() => closeDaemonAndPtys(logins, daemon, ptyDir));

describe.each(WAYS)('a plain USER over %s', (way) => {
  it('USER ADD gets the three-line error: the line with the password masked, dashes under USER, ERR 04', async () => {
    const user = await logins.login(way, 'plain', 'plain-pass1');
    user.send('USER ADD x PASSWORD=abcdef\r');
    await user.expect(errorBlock('USER ADD x PASSWORD=******', 'USER', 'ERR 04 - Insufficient privileges: needs the USER right'));
    await user.expect('> ');
    // The typed echo shows what was typed; the error's own copy of the line never does.
    const errorPart = user.output.slice(user.output.lastIndexOf('USER ADD x PASSWORD=******'));
    expect(errorPart).not.toContain('abcdef');
    const shown = await daemon.exec('SHOW USER x');
    expect(shown.status).toBe(1);
    expect(shown.output).toContain('ERR 07 - No such user');
  });
});

describe('PORT BREAK', () => {
  it('an admin sends a break to the simulated device of port 1', async () => {
    const admin = await logins.login('ssh', 'adm1', 'adm1-pass1');
    const mark = admin.output.length;
    admin.send('PORT 1 BREAK\r');
    await admin.expect(/PORT 1 BREAK\r\n> /);
    expect(admin.output.slice(mark)).not.toContain('ERR');
    // The control socket (the serial console) may do it too: it holds every right (SPEC §9).
    expect(await daemon.exec('PORT 1 BREAK')).toEqual({ status: 0, output: '' });
  });

  it('a break on a port in use is kept in its session history (SPEC §5 break sent)', async () => {
    const admin = await logins.login('ssh', 'adm1', 'adm1-pass1');
    admin.send('CONNECT 3\r');
    await admin.expect(noticeLine(`Connection complete: port 3 (${portLabel(3)})`));
    expect(await daemon.exec('PORT 3 BREAK')).toEqual({ status: 0, output: '' });
    const sessions = (await daemon.exec('SHOW SESSIONS', true)).data as { port: number; session: string | null }[];
    const session = sessions.find((row) => row.port === 3)?.session;
    expect(session).toMatch(/^S\d+$/);
    const history = await daemon.exec(`SHOW SESSION ${session} HISTORY`);
    expect(history.output).toMatch(/break-sent\s+\(console\)/);
  });

  it('a socat pty cannot send one: ERR 16 says not supported by this device', async () => {
    const admin = await logins.login('telnet', 'adm1', 'adm1-pass1');
    admin.send(`PORT ${PTY_PORT} BREAK\r`);
    await admin.expect(errorBlock(`PORT ${PTY_PORT} BREAK`, String(PTY_PORT), 'ERR 16 - Device error: not supported by this device'));
    await admin.expect('> ');
  });

  it('a plain USER lacks the BREAK right', async () => {
    const user = await logins.login('ssh', 'plain', 'plain-pass1');
    user.send('PORT 1 BREAK\r');
    await user.expect(/ERR 04 - Insufficient privileges[^\r\n]*\r\n/);
  });
});

describe('USER DELETE and USER LOGOUT of logged-in users', () => {
  it('USER DELETE bob while bob is on a port: bob is told who did it and disconnected', async () => {
    await addUsers(daemon, [{ name: 'bob', password: 'bob-pass12' }]);
    const bob = await logins.login('telnet', 'bob', 'bob-pass12');
    bob.send('CONNECT 2\r');
    await bob.expect(noticeLine(`Connection complete: port 2 (${portLabel(2)})`));
    const admin = await logins.login('ssh', 'adm1', 'adm1-pass1');
    admin.send('USER DELETE bob\r');
    await bob.expect(noticeLine('Logged out by adm1'));
    await bob.waitExit(5000);
    expect(bob.hasExited).toBe(true);
    await admin.expect(/USER DELETE bob\r\n> /);
    expect((await daemon.exec('SHOW USER bob')).output).toContain('ERR 07 - No such user');
    const sessions = (await daemon.exec('SHOW SESSIONS', true)).data as { port: number; users: string[] }[];
    expect(sessions.find((p) => p.port === 2)?.users).toEqual([]);
  });

  it('an ADMIN may not USER LOGOUT an APPLIANCEADMIN, who stays logged in; the reverse works', async () => {
    const top = await logins.login('telnet', 'Admin', ADMIN_PASSWORD);
    const admin = await logins.login('ssh', 'adm1', 'adm1-pass1');
    admin.send('USER LOGOUT Admin\r');
    await admin.expect(errorBlock('USER LOGOUT Admin', 'Admin',
      'ERR 04 - Insufficient privileges: an ADMIN may not log out an APPLIANCEADMIN'));
    top.send('SHOW USER\r');
    // Issue 12 item 6: one row per login, the only one being this telnet login at the CLI.
    await top.expect(/Port\s+Duration\s+Socket\s+From\r?\nCLI\s+\d\d:\d\d:\d\d\s+\d+\s+127\.0\.0\.1:\d+\r?\n> /);
    expect(top.output).not.toContain('Logged out');
    expect(top.hasExited).toBe(false);
    // The other way round is allowed: the APPLIANCEADMIN logs the ADMIN out.
    top.send('USER LOGOUT adm1\r');
    await admin.expect(noticeLine('Logged out by Admin'));
    await admin.waitExit(5000);
    expect(admin.hasExited).toBe(true);
  });
});

describe('PORT n HISTORY', () => {
  it('shows the device output typed earlier, and Q goes back to the prompt', async () => {
    const admin = await logins.login('ssh', 'adm1', 'adm1-pass1');
    admin.send('CONNECT 1\r');
    await admin.expect(noticeLine(`Connection complete: port 1 (${portLabel(1)})`));
    admin.send('history-marker-42\r');
    await admin.expect('history-marker-42\r\ndevice1$ ');
    admin.send('\x04'); // the CLI access character (SPEC §6)
    await admin.expect('> ');
    admin.send('PORT 1 HISTORY\r');
    await admin.expect('B)ottom C)lear H)elp N)ext P)rev Q)uit R)esume S)earch T)op');
    const page = admin.output.slice(admin.output.lastIndexOf('PORT 1 HISTORY'));
    expect(page).toContain('history-marker-42');
    admin.send('q');
    await admin.expect('> ');
    admin.send('SHOW USER\r'); // a CLI command works again: the viewer is gone
    await admin.expect(/User:\s+adm1/);
  });

  it('with SERVER CLI HISTORY=CLEAR the history goes when the session ends, and not before', async () => {
    expect(await daemon.exec('SERVER CLI HISTORY=CLEAR')).toEqual({ status: 0, output: '' });
    try {
      const admin = await logins.login('telnet', 'adm1', 'adm1-pass1');
      admin.send('CONNECT 6\r');
      await admin.expect(noticeLine(`Connection complete: port 6 (${portLabel(6)})`));
      admin.send('clear-marker-17\r');
      await admin.expect('clear-marker-17\r\ndevice6$ ');
      admin.send('\x04');
      await admin.expect('> ');
      admin.send('PORT 6 HISTORY\r'); // the session is still running: the history is there
      await admin.expect('clear-marker-17');
      admin.send('q');
      await admin.expect('> ');
      admin.send('DISCONNECT\r'); // the last connection leaves: the session ends
      await admin.expect(noticeLine('Connection disconnected: port 6'));
      const mark = admin.output.length;
      admin.send('PORT 6 HISTORY\r');
      await admin.expect('B)ottom C)lear H)elp N)ext P)rev Q)uit R)esume S)earch T)op');
      expect(admin.output.slice(mark)).not.toContain('clear-marker-17');
      admin.send('q');
      await admin.expect('> ');
    } finally {
      await daemon.exec('SERVER CLI HISTORY=KEEP');
    }
  });
});
