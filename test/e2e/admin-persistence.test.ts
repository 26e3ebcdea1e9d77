/**
 * Issue 5, persistence: what administrators set (users, port settings, server settings) lives in
 * `<data dir>/ccmd.db` and survives a restart with the same data dir, and a change acknowledged
 * by `ccmd exec` survives `kill -9` straight after it, with the database file sound.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { integrityProblems, openReadOnly } from '../support/db-probe.js';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { makeTempDir } from '../support/run-registry.js';
import { noticeLine } from './access-fixture.js';
import { Logins, addUsers, execOk } from './admin-fixture.js';

/**
 * The one daemon running now. Issue 16: every start goes through `start`/`restart`, which end the
 * daemon before it, and each test ends its last one, so no test leaves a daemon behind.
 */
let daemon: DaemonProcess | undefined;
const logins = new Logins(() => {
  if (daemon === undefined) throw new Error('no daemon running');
  return daemon;
});

async function start(dataDir: string): Promise<DaemonProcess> {
  if (daemon !== undefined) throw new Error('a daemon is running already: restart it instead');
  daemon = await startDaemon({ dataDir });
  return daemon;
}

/** Ends the running daemon (SIGTERM with the harness checks, or kill -9) and starts a new one. */
async function restart(dataDir: string, how: 'stop' | 'kill'): Promise<DaemonProcess> {
  const old = daemon;
  daemon = undefined;
  if (how === 'stop') await old?.stop();
  else await old?.kill('SIGKILL');
  return start(dataDir);
}

afterEach(async () => {
  await logins.closeAll();
  const last = daemon;
  daemon = undefined;
  await last?.stop();
});

describe('a restart with the same data dir keeps every setting', () => {
  it('users, PORT 2 SET NAME/BAUD/SHARE, SERVER SHARE and SECURITY are all back; jdoe:router2 logs in by port name', async () => {
    const dataDir = makeTempDir('ccmd-e2e-persist-');
    daemon = await start(dataDir);
    await addUsers(daemon, [
      { name: 'jdoe', password: 'jdoe-pass1', access: 'P1-4,SMON' },
      { name: 'ops', password: 'ops-pass12', access: 'PALL,PCON,SMON' },
    ]);
    await execOk(daemon, 'PORT 2 SET NAME=router2 BAUD=115200 SHARE=AUTO');
    await execOk(daemon, 'SERVER SHARE DISABLE');
    await execOk(daemon, 'SERVER SECURITY LOCKOUT=2');
    const before = {
      port: await execOk(daemon, 'SHOW PORT 2'),
      server: await execOk(daemon, 'SHOW SERVER'),
      users: await execOk(daemon, 'SHOW USER ALL'),
    };
    expect(before.port).toMatch(/^Name:\s+router2$/m);

    const again = await restart(dataDir, 'stop');
    const port = await execOk(again, 'SHOW PORT 2');
    expect(port).toMatch(/^Name:\s+router2$/m);
    expect(port).toMatch(/^Baud:\s+115200$/m);
    expect(port).toMatch(/^Share:\s+AUTO$/m);
    const server = await execOk(again, 'SHOW SERVER');
    expect(server).toMatch(/^Share mode:\s+DISABLE$/m);
    expect(server).toMatch(/^Lockout:\s+2 h after 5 failed logins$/m);
    const users = await execOk(again, 'SHOW USER ALL');
    expect(users).toMatch(/^jdoe\s+YES\s+NO\s+NO\s+USER\s+P1-4,SMON\s+LOCAL$/m);
    // issue 12: PCON without SCON makes ADMIN (the manual's level rule).
    expect(users).toMatch(/^ops\s+YES\s+NO\s+NO\s+ADMIN\s+PALL,SMON,PCON\s+LOCAL$/m);
    // Issue 12: SHOW SERVER starts with the time and the uptime, which a restart changes.
    const settingsOf = (text: string): string => text.replace(/^(Time|Uptime|Started):.*\n/gm, '');
    expect({ port, server: settingsOf(server), users }).toEqual({ ...before, server: settingsOf(before.server) });

    // The name and the password both came back: the login name grammar finds the port by name.
    const jdoe = await logins.login('ssh', 'jdoe:router2', 'jdoe-pass1', { expect: noticeLine('Connection complete: port 2 (router2)') });
    jdoe.send('\r');
    await jdoe.expect('device2$ ');
    // Port 2's own SHARE=AUTO came back too (the appliance says DISABLE): S joins at once.
    const ops = await logins.login('telnet', 'ops:router2', 'ops-pass12',
      { expect: noticeLine("Port 2 in use by jdoe (USER). E)xclusive, N)on-exclusive, S)hare, D)on't connect?") });
    ops.send('S');
    await ops.expect(noticeLine('Connection complete: port 2 (router2), shared with 1'));
    await jdoe.expect(noticeLine('ops joined port 2'));
  });
});

describe('kill -9 right after an acknowledged change', () => {
  it('the change is there after a restart and PRAGMA integrity_check says ok', async () => {
    const dataDir = makeTempDir('ccmd-e2e-persist-');
    daemon = await start(dataDir);
    await execOk(daemon, 'PORT 4 SET NAME=edge4');
    for (let minutes = 1; minutes <= 20; minutes++) await execOk(daemon, `PORT 4 SET TIMEOUT=${minutes}`);
    await execOk(daemon, 'USER ADD kim PASSWORD=kim-pass12 ACCESS=P4,SMON');
    const killed = daemon;
    await killed.kill('SIGKILL');
    expect(killed.child.signalCode).toBe('SIGKILL');

    const db = openReadOnly(dataDir);
    try {
      expect(integrityProblems(db)).toEqual([]);
      expect(db.prepare('SELECT name FROM users WHERE name = ?').get('kim')).toEqual({ name: 'kim' });
      expect(db.prepare('SELECT name, timeout_minutes AS t FROM port_settings WHERE port = 4').get()).toEqual({ name: 'edge4', t: 20 });
      const audited = db.prepare("SELECT user, origin, action, detail FROM audit_log WHERE action = 'USER ADD'").all();
      expect(audited).toEqual([{ user: '(console)', origin: 'console', action: 'USER ADD', detail: expect.stringContaining('kim') }]);
      expect(JSON.stringify(audited)).not.toContain('kim-pass12');
    } finally {
      db.close();
    }

    const again = await restart(dataDir, 'kill');
    const port = await execOk(again, 'SHOW PORT edge4');
    expect(port).toMatch(/^Port:\s+4$/m);
    expect(port).toMatch(/^Timeout:\s+20 min$/m);
    await logins.login('ssh', 'kim:edge4', 'kim-pass12', { expect: noticeLine('Connection complete: port 4 (edge4)') });
  });

  it('a change acknowledged just before kill -9 while clients are logged in survives too', async () => {
    const dataDir = makeTempDir('ccmd-e2e-persist-');
    daemon = await start(dataDir);
    await addUsers(daemon, [{ name: 'lee', password: 'lee-pass12' }]);
    const lee = await logins.login('telnet', 'lee', 'lee-pass12');
    lee.send('CONNECT 6\r');
    await lee.expect(noticeLine(`Connection complete: port 6 (${portLabel(6)})`));
    await execOk(daemon, 'SERVER SHARE AUTO');
    await execOk(daemon, 'USER SET lee ACCESS=P6,SMON');
    await daemon.kill('SIGKILL');
    await lee.waitExit(5000); // the daemon died: the client's connection is gone

    const db = openReadOnly(dataDir);
    try {
      expect(integrityProblems(db)).toEqual([]);
    } finally {
      db.close();
    }
    const again = await restart(dataDir, 'kill');
    expect(await execOk(again, 'SHOW SERVER')).toMatch(/^Share mode:\s+AUTO$/m);
    expect(await execOk(again, 'SHOW USER lee')).toMatch(/^Access:\s+P6,SMON$/m);
  });
});
