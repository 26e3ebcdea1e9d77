/**
 * Issue 15 end to end: a user who exists only on a central server (Debian's FreeRADIUS, Debian's
 * slapd, or the TACACS+ fixture) logs in over OpenSSH and Telnet to the built daemon and reaches
 * the ports its granted rights allow, and no others; SHOW USER shows where they came from. The
 * servers are configured the way an administrator would, with CLI lines through the control
 * socket; their secrets never appear in the daemon's log or SHOW output.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InteractiveClient } from '../support/clients.js';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { startFreeRadius, type FreeRadius } from '../support/freeradius.js';
import { WAYS } from '../support/login.js';
import { BASE_DN, SERVICE_DN, SERVICE_PASSWORD, startSlapd, type Slapd } from '../support/slapd.js';
import { startTacacsServer, type TacacsFixture } from '../support/tacacs-server.js';
import { execOk, Logins } from './admin-fixture.js';

let daemon: DaemonProcess;
let radius: FreeRadius;
let slapd: Slapd;
let tacacs: TacacsFixture;
const logins = new Logins(() => daemon);

beforeAll(async () => {
  [daemon, radius, slapd, tacacs] = await Promise.all([
    startDaemon(),
    startFreeRadius([{ name: 'radops', password: 'rad-pass-1', filterIds: ['ccmd:P1-4,SMON'] }], 'radius-e2e-secret'),
    startSlapd([{ uid: 'ldops', password: 'ldap-pass-1' }], [{ cn: 'consoles', members: ['ldops'] }]),
    startTacacsServer([{ name: 'tacops', password: 'tac-pass-1', args: ['ccmd-access=P1-4,SMON'] }], 'tacacs-e2e-key'),
  ]);
  // The host command, with the secret on standard input (never in ps or shell history).
  const set = await daemon.cli(['auth', 'radius', '--primary', `127.0.0.1:${radius.port}`, '--timeout', '2', '--secret-stdin'], `${radius.secret}\n`);
  expect(set, set.stderr).toMatchObject({ code: 0, stdout: '' });
  await execOk(daemon, `SERVER LDAP PRIMARY=ldap://127.0.0.1:${slapd.port} BASE=${BASE_DN} BINDDN=${SERVICE_DN} BINDPW=${SERVICE_PASSWORD}`);
  await execOk(daemon, `SERVER LDAP GROUP DN=${slapd.groupDn('consoles')} ACCESS=P1-4,SMON`);
  await execOk(daemon, `SERVER TACACS PRIMARY=127.0.0.1:${tacacs.port} PSECRET=${tacacs.key}`);
});
afterEach(() => logins.closeAll());
afterAll(async () => {
  await logins.closeAll();
  await Promise.all([daemon?.stop(), radius?.stop(), slapd?.stop(), tacacs?.stop()]);
});

const BACKENDS = [
  { method: 'RADIUS', user: 'radops', password: 'rad-pass-1' },
  { method: 'LDAP', user: 'ldops', password: 'ldap-pass-1' },
  { method: 'TACACS', user: 'tacops', password: 'tac-pass-1' },
] as const;

async function connect(client: InteractiveClient, port: number): Promise<string> {
  const mark = client.output.length;
  client.send(`CONNECT ${port}\r`);
  await client.expect(new RegExp(`(Connection complete|Insufficient privileges): port ${port}`), 10_000);
  return client.output.slice(mark);
}

describe.each(BACKENDS)('AUTH=$method', ({ method, user, password }) => {
  it.each(WAYS)('a user known only to the server logs in over %s and reaches the granted ports only', async (way) => {
    await execOk(daemon, `SERVER SECURITY AUTH=${method}`);
    const started = performance.now();
    const client = await logins.login(way, user, password);
    const loginMs = performance.now() - started;
    expect(await connect(client, 3)).toContain('Connection complete: port 3');
    client.send('\x04');
    await client.expect('> ', 5000);
    client.send('DISCONNECT\r');
    expect(await connect(client, 5)).toContain('[ccmd] Insufficient privileges: port 5');
    const shown = await execOk(daemon, `SHOW USER ${user}`);
    expect(shown).toMatch(new RegExp(`Source:\\s+${method}`));
    expect(shown).toMatch(/Access:\s+P1-4,SMON/);
    console.log(`${method} ${way} login to prompt: ${loginMs.toFixed(0)} ms`);
  });

  it('a wrong password is refused and counted toward the lockout', async () => {
    await execOk(daemon, `SERVER SECURITY AUTH=${method}`);
    const client = await logins.loginWith('telnet', user, 'wrong-pass-1', { expect: 'Login incorrect' });
    void client;
    expect(await execOk(daemon, `SHOW USER ${user}`)).toMatch(/Failed logins:\s+1/);
    await execOk(daemon, `USER UNLOCK ${user}`);
  });
});

describe('fallback and secrets', () => {
  it('RADIUS,LOCAL: the local Admin gets in only while RADIUS does not answer', async () => {
    await execOk(daemon, 'SERVER SECURITY AUTH=RADIUS,LOCAL');
    await logins.loginWith('telnet', 'Admin', 'admin-secret1', { expect: 'Login incorrect' });
    await execOk(daemon, 'USER UNLOCK Admin');
    await execOk(daemon, 'SERVER RADIUS PRIMARY=127.0.0.1:9 TIMEOUT=1 RETRIES=0');
    try {
      await logins.login('ssh', 'Admin', 'admin-secret1');
    } finally {
      await execOk(daemon, `SERVER RADIUS PRIMARY=127.0.0.1:${radius.port} TIMEOUT=2 RETRIES=1`);
    }
  });

  it('secrets appear neither in SHOW SERVER (ccmd auth show) nor in the daemon log', async () => {
    const shown = (await daemon.cli(['auth', 'show'])).stdout;
    expect(shown).toMatch(new RegExp(`RADIUS primary:\\s+127\\.0\\.0\\.1:${radius.port}`));
    const text = shown + daemon.log();
    for (const secret of [radius.secret, tacacs.key, SERVICE_PASSWORD, 'rad-pass-1', 'ldap-pass-1', 'tac-pass-1']) {
      expect(text).not.toContain(secret);
    }
    expect(shown).toMatch(/RADIUS secrets:\s+set \(not shown\)/);
  });
});
