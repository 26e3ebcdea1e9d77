/**
 * Issue 12 items 9 and 10 through real clients: Esc erases the line at the `> ` prompt; in
 * history mode the words CLEAR and QUIT work as typed (one key per packet over a character-mode
 * client); HELP SERVER CLI says what HISTORY= really does; LOCKOUT= takes 0-99 hours.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { WAYS } from '../support/login.js';
import { seededDataDir } from '../support/users.js';
import { Logins, errorBlock } from './admin-fixture.js';
import { noticeLine } from './access-fixture.js';

let daemon: DaemonProcess;
const logins = new Logins(() => daemon);

beforeAll(async () => {
  const dataDir = await seededDataDir([{ name: 'adm1', password: 'adm1-pass1', access: 'APPLIANCEADMIN' }]);
  daemon = await startDaemon({ dataDir });
});
afterEach(() => logins.closeAll());
afterAll(async () => {
  await logins.closeAll();
  await daemon?.stop();
});

/** Types `text` one key at a time, as a person at a character-mode terminal does. */
async function typeSlowly(client: { send(text: string): void }, text: string): Promise<void> {
  for (const key of text) {
    client.send(key);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(WAYS)('over %s', (way) => {
  const port = way === 'ssh' ? 2 : 3;

  it('Esc erases the line typed so far', async () => {
    const admin = await logins.login(way, 'adm1', 'adm1-pass1');
    await typeSlowly(admin, 'SHOW PRT 9');
    admin.send('\x1b');
    await new Promise((r) => setTimeout(r, 50));
    admin.send('SHOW SERVER SHARE\r');
    await admin.expect(/Share mode:\s+\w+/);
    expect(admin.output).not.toContain('ERR');
  });

  it('history mode: CLEAR typed as a word clears once and stays; QUIT goes back to a clean prompt', async () => {
    const admin = await logins.login(way, 'adm1', 'adm1-pass1');
    admin.send(`CONNECT ${port}\r`);
    await admin.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)})`));
    admin.send('words-marker-9\r');
    await admin.expect(`words-marker-9\r\ndevice${port}$ `);
    admin.send('\x04');
    await admin.expect('> ');
    admin.send(`PORT ${port} HISTORY\r`);
    await admin.expect('words-marker-9');
    await typeSlowly(admin, 'CLEAR\r');
    await admin.expect(`History of port ${port} cleared`);
    await admin.expect(`-- Port ${port} history: empty --`);
    await typeSlowly(admin, 'QUIT\r');
    await admin.expect('> ');
    admin.send('SHOW SERVER SHARE\r');
    await admin.expect(/Share mode:\s+\w+/);
    // Neither R)esume (the R of CLEAR) nor the UIT of QUIT reached anything.
    expect(admin.output).not.toContain('ERR');
    expect(admin.output).not.toMatch(/Connection complete: port \d+ \(port\d+\)[\s\S]*Connection complete/);
  });
});

describe('HELP and SERVER SECURITY', () => {
  it('HELP SERVER CLI says HISTORY= is about the port buffer at session end', async () => {
    const admin = await logins.login('telnet', 'adm1', 'adm1-pass1');
    admin.send('HELP SERVER CLI\r');
    await admin.expect(/HISTORY=CLEAR empties the buffer as the last user leaves the port/);
  });

  it('LOCKOUT=99 is taken, LOCKOUT=100 is refused', async () => {
    const admin = await logins.login('ssh', 'adm1', 'adm1-pass1');
    admin.send('SERVER SECURITY LOCKOUT=99\r');
    admin.send('SHOW SERVER SECURITY\r');
    await admin.expect(/Lockout:\s+99 h/);
    admin.send('SERVER SECURITY LOCKOUT=100\r');
    await admin.expect(errorBlock('SERVER SECURITY LOCKOUT=100', 'LOCKOUT=100', 'ERR 03 - Invalid value: LOCKOUT expected a number 0-99'));
    admin.send('SERVER SECURITY LOCKOUT=1\r');
    admin.send('SHOW SERVER SECURITY\r');
    await admin.expect(/Lockout:\s+1 h/);
  });
});
