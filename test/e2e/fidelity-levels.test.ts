/**
 * Issue 12 items 1-3 through real clients: level names in ACCESS= (the manual's own examples
 * verbatim, `user add JDoe access=applianceadmin` asking for the password), the manual's level
 * rule as the broker applies it (P3,PCON outranks a plain user, so the plain user's request goes
 * to it as a query), and the console granting PALL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { WAYS } from '../support/login.js';
import { seededDataDir } from '../support/users.js';
import { rawTelnetLogin } from '../support/raw-telnet.js';
import { Logins, execOk } from './admin-fixture.js';
import { noticeLine } from './access-fixture.js';

let daemon: DaemonProcess;
const logins = new Logins(() => daemon);

beforeAll(async () => {
  const dataDir = await seededDataDir([
    { name: 'porter', password: 'porter-pw1', access: 'P3-4,PCON' },
    { name: 'plain', password: 'plain-pw1' },
    { name: 'narrow', password: 'narrow-pw1', access: 'P1' },
  ], { server: { share: 'QUERY', queryTimeoutSeconds: 5 } });
  daemon = await startDaemon({ dataDir });
});
afterEach(() => logins.closeAll());
afterAll(async () => {
  await logins.closeAll();
  await daemon?.stop();
});

describe.each(WAYS)('over %s', (way) => {
  const suffix = way === 'ssh' ? 's' : 't';

  it('user add JDoe access=applianceadmin, as typed: asks the password twice unechoed; an APPLIANCEADMIN who logs in', async () => {
    const admin = await logins.login(way, 'Admin', 'admin-secret1');
    admin.send('user add JDoe access=applianceadmin\r');
    await admin.expect('Password for JDoe: ');
    admin.send('jdoe-pw1\r');
    await admin.expect('Password again: ');
    admin.send('jdoe-pw1\r');
    admin.send('SHOW USER JDoe\r');
    await admin.expect(/Level:\s+APPLIANCEADMIN\r?\n/);
    await admin.expect(/Access:\s+PALL,USER,SCON,SMON,PCON,BREAK\r?\n/);
    expect(admin.output).not.toContain('ERR');
    expect(admin.output, 'the typed password is never echoed').not.toContain('jdoe-pw1');
    const jdoe = await logins.login(way, 'JDoe', 'jdoe-pw1');
    // SCON: only an APPLIANCEADMIN may. Each transport sets its own value, so the second run cannot
    // pass on what the first one left.
    jdoe.send(`SERVER SHARE TIMEOUT=${way === 'ssh' ? 5 : 6}\r`);
    jdoe.send('SHOW SERVER SHARE\r');
    await jdoe.expect(way === 'ssh' ? /5 s/ : /6 s/);
    expect(jdoe.output).not.toContain('ERR');
    await jdoe.close();
    // The other transport's run types the same line: JDoe goes again.
    admin.send('USER DELETE JDoe\r');
    admin.send('SHOW USER JDoe\r');
    await admin.expect(/ERR 07 - No such user/);
  });

  it("the manual's PORT 2 SET BAUD=57600 FLOW=XONXOF, as typed", async () => {
    const admin = await logins.login(way, 'Admin', 'admin-secret1');
    admin.send('PORT 2 SET BAUD=57600 FLOW=XONXOF\r');
    admin.send('SHOW PORT 2\r');
    await admin.expect(/Baud:\s+57600\r?\n/);
    await admin.expect(/Flow:\s+XONXOF\r?\n/);
    expect(admin.output).not.toContain('ERR');
  });

  it('two different passwords at the questions: refused, nobody added', async () => {
    const admin = await logins.login(way, 'Admin', 'admin-secret1');
    admin.send(`user add typo${suffix}\r`);
    await admin.expect(`Password for typo${suffix}: `);
    admin.send('first-pw1\r');
    await admin.expect('Password again: ');
    admin.send('second-pw1\r');
    await admin.expect(/ERR 17 - User change refused: the two passwords typed differ/);
    admin.send(`SHOW USER typo${suffix}\r`);
    await admin.expect(/ERR 07 - No such user/);
    expect(admin.output).not.toMatch(/first-pw1|second-pw1/);
  });

  it('ACCESS=ADMIN and ACCESS=+ADMIN stand for the ADMIN rights', async () => {
    const admin = await logins.login(way, 'Admin', 'admin-secret1');
    admin.send(`USER ADD lvl${suffix} PASSWORD=lvl-pw1 ACCESS=ADMIN\r`);
    admin.send(`SHOW USER lvl${suffix}\r`);
    await admin.expect(/Level:\s+ADMIN\r?\n/);
    await admin.expect(/Access:\s+PALL,USER,SMON,PCON,BREAK\r?\n/);
    admin.send(`USER SET lvl${suffix} ACCESS=P2\r`);
    admin.send(`USER SET lvl${suffix} ACCESS=+ADMIN,SCON\r`);
    admin.send(`SHOW USER lvl${suffix}\r`);
    await admin.expect(/Level:\s+APPLIANCEADMIN\r?\n/);
    expect(admin.output).not.toContain('ERR');
  });

  it('P3-4,PCON is an ADMIN: a plain user asking for its port waits for its answer (QUERY)', async () => {
    const port = way === 'ssh' ? 3 : 4;
    const so = await logins.login(way === 'ssh' ? 'telnet' : 'ssh', 'porter', 'porter-pw1');
    so.send(`CONNECT ${port}\r`);
    await so.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)})`));
    const ru = await logins.login(way, 'plain', 'plain-pw1');
    ru.send(`CONNECT ${port}\r`);
    await ru.expect(noticeLine(`Waiting for porter to approve sharing of port ${port}`));
    await so.expect(noticeLine(`plain (USER) asks to share port ${port}. Allow? (Y/N)`));
    so.send('Y');
    await ru.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), shared with 1`));
  });
});

describe('the console grants anything (item 3)', () => {
  it('ccmd exec USER SET narrow ACCESS=PALL (the console) lets narrow reach port 9 over SSH', async () => {
    const before = await logins.login('ssh', 'narrow', 'narrow-pw1');
    before.send('CONNECT 9\r');
    await before.expect(noticeLine('Insufficient privileges: port 9'));
    await execOk(daemon, 'USER SET narrow ACCESS=PALL');
    const cli = await daemon.cli(['exec', 'USER SET narrow ACCESS=+SCON']);
    expect(cli.code).toBe(0);
    const after = await logins.login('telnet', 'narrow', 'narrow-pw1');
    after.send('CONNECT 9\r');
    await after.expect(noticeLine(`Connection complete: port 9 (${portLabel(9)})`));
  });
});

describe('USER SET without a name (item 5) and port groups (item 7)', () => {
  it('plain changes its own password over SSH and logs in with it over Telnet', async () => {
    const plain = await logins.login('ssh', 'plain', 'plain-pw1');
    plain.send('USER SET PASSWORD=plain-pw2\r');
    plain.send('SHOW USER\r');
    await plain.expect(/User:\s+plain/);
    expect(plain.output).not.toContain('ERR');
    await logins.login('telnet', 'plain', 'plain-pw2');
    await execOk(daemon, 'USER SET plain PASSWORD=plain-pw1');
  });

  it('a port is in at most one group, and group names have at most 8 characters', async () => {
    const admin = await logins.login('telnet', 'Admin', 'admin-secret1');
    admin.send('PORT 11-12 SET GROUP=linux\r');
    admin.send('PORT 12 SET GROUP=+routers\r');
    admin.send('SHOW PORT GROUPS\r');
    await admin.expect(/linux\s+11\r?\n/);
    await admin.expect(/routers\s+12\r?\n/);
    admin.send('PORT 11 SET GROUP=linux,routers\r');
    await admin.expect('ERR 03 - Invalid value: GROUP names one group: a port belongs to at most one group');
    admin.send('PORT 11 SET GROUP=ninechars\r');
    await admin.expect("ERR 03 - Invalid value: GROUP Bad group name 'ninechars' (1-8 letters, digits, _ . -)");
    admin.send('PORT 11-12 SET GROUP=\r');
    admin.send('SHOW SERVER SHARE\r'); // its answer means the line before has run
    await admin.expect(/Share mode:\s+\w+/);
    expect(JSON.stringify((await daemon.exec('SHOW PORT GROUPS', true)).data)).not.toMatch(/linux|routers/);
  });
});

describe('USER ADD password questions at the byte level (raw Telnet)', () => {
  it("the LF of the command line's CR LF, arriving in a packet of its own, is not an empty answer", async () => {
    const admin = await rawTelnetLogin(daemon.ready.telnet, 'Admin', 'admin-secret1', { expect: '> ' });
    try {
      admin.send('user add splitlf\r');
      await admin.expect('Password for splitlf: ');
      admin.send('\n');
      admin.send('split-pw1\r\n');
      await admin.expect('Password again: ');
      admin.send('split-pw1\r\n');
      await admin.expect('> ');
    } finally {
      admin.destroy();
    }
    await logins.login('telnet', 'splitlf', 'split-pw1');
  });
});
