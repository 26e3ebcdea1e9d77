/**
 * Security (SPEC §2, §3): a user without the right to port 1 reaches it by no way in; the
 * control socket, host key, database and port logs are not open to other local users; and no
 * password or key ever reaches the daemon's log, whether right, wrong, typed at a login or given
 * to a command.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sshClient, type InteractiveClient } from '../support/clients.js';
import { ADMIN_PASSWORD, startDaemon, type DaemonProcess } from '../support/daemon.js';
import { openReadOnly, recordedConnections } from '../support/db-probe.js';
import { loginAs, WAYS } from '../support/login.js';
import { joinPortRaw, rawTelnetLogin } from '../support/raw-telnet.js';
import { seededDataDir } from '../support/users.js';

const BOB_PASSWORD = 'bob-secret12';
const WRONG_PASSWORDS = ['bob-wrong-771', 'Bob-Secret12', 'admin-wrong-42'];
const COMMAND_PASSWORDS = ['eve-secret991', 'eve-secret772', 'bad-secret553'];
const REFUSED = '[ccmd] Insufficient privileges: port 1';

let daemon: DaemonProcess;
let keyBody: string;
const clients: InteractiveClient[] = [];

beforeAll(async () => {
  const dataDir = await seededDataDir([{ name: 'bob', password: BOB_PASSWORD, access: 'P2,SMON' }]);
  daemon = await startDaemon({ dataDir, portListeners: true, config: { ports: { 1: { name: 'router1' } } } });
  const keyFile = join(dataDir, 'test-key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', keyFile]);
  keyBody = readFileSync(`${keyFile}.pub`, 'utf8').split(' ')[1] as string;
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await daemon?.stop();
});

async function bobAt(way: (typeof WAYS)[number], name = 'bob', tcpPort?: number, expectAfter: string | RegExp = '> '): Promise<InteractiveClient> {
  const client = await loginAs(daemon, way, name, BOB_PASSWORD, { tcpPort, expect: expectAfter });
  clients.push(client);
  return client;
}

function bobEverOnPortOne(): boolean {
  const db = openReadOnly(daemon.dataDir);
  try {
    return recordedConnections(db).some((c) => c.user === 'bob' && c.port === 1);
  } finally {
    db.close();
  }
}

describe.each(WAYS)('a user with ACCESS=P2,SMON over %s', (way) => {
  it('is refused port 1 by CONNECT (number and name) and LISTEN, and stays at the prompt', async () => {
    const bob = await bobAt(way);
    for (const line of ['CONNECT 1', 'CONNECT router1', 'LISTEN 1']) {
      bob.send(`${line}\r`);
      await bob.expect(REFUSED, 5000);
      await bob.expect('> ', 5000);
    }
    // The right it has works: port 2 is reachable the same way.
    bob.send('CONNECT 2\r');
    await bob.expect('[ccmd] Connection complete: port 2', 5000);
  });

  it('is refused port 1 by a direct login name (bob:1, bob:router1, bob:1:E) and disconnected', async () => {
    for (const name of ['bob:1', 'bob:router1', 'bob:1:E']) {
      const bob = await bobAt(way, name, undefined, REFUSED);
      await bob.waitExit(10_000);
    }
  });

  it("is refused on port 1's own socket and disconnected", async () => {
    const tcpPort = way === 'ssh' ? daemon.ready.portSsh[1] : daemon.ready.portTelnet[1];
    const bob = await bobAt(way, 'bob', tcpPort, REFUSED);
    await bob.waitExit(10_000);
  });
});

describe('no way into port 1 for bob', () => {
  it('not even for a raw Telnet client, and the daemon never attached him there', async () => {
    for (const [tcpPort, name] of [[daemon.ready.telnet, 'bob:1'], [daemon.ready.portTelnet[1] as number, 'bob']] as const) {
      const result = await joinPortRaw(tcpPort, name, BOB_PASSWORD);
      expect(result.outcome).toBe('insufficient');
      expect(result.notice).toBe(REFUSED);
      await result.client.expectClosed(5000);
    }
    expect(bobEverOnPortOne()).toBe(false);
  });
});

describe('files in the data directory', () => {
  it('the control socket is 0600; host key, database and port logs are closed to other users', async () => {
    // Device output on port 2, so its port log exists.
    const onPort = await joinPortRaw(daemon.ready.telnet, 'Admin:2', ADMIN_PASSWORD);
    expect(onPort.outcome).toBe('connected');
    onPort.client.send('\r');
    await onPort.client.expect('device2$ ');
    onPort.client.destroy();
    const dir = daemon.dataDir;
    expect(statSync(join(dir, 'ccmd.sock')).mode & 0o777).toBe(0o600);
    const privateFiles = readdirSync(dir).filter((f) => f.startsWith('ccmd.db') || (f.startsWith('ssh_host_') && !f.endsWith('.pub')));
    expect(privateFiles).toEqual(expect.arrayContaining(['ccmd.db', 'ssh_host_ed25519_key']));
    for (const file of privateFiles) expect(statSync(join(dir, file)).mode & 0o077, file).toBe(0);
    const logs = join(dir, 'logs');
    // Port logs are written by the shared once-a-second gather, so the file appears within a tick or two.
    await vi.waitFor(() => expect(readdirSync(logs)).toContain('port2.log'), { timeout: 5000, interval: 100 });
    for (const file of readdirSync(logs)) expect(statSync(join(logs, file)).mode & 0o007, `logs/${file}`).toBe(0);
  });
});

describe('the daemon log', () => {
  it('holds no password or key, right or wrong, from logins or from commands', async () => {
    // Wrong passwords over Telnet and SSH, the right one over both, and secrets given to commands.
    for (const wrong of WRONG_PASSWORDS) {
      const telnet = await rawTelnetLogin(daemon.ready.telnet, wrong.startsWith('admin') ? 'Admin' : 'bob', wrong);
      await telnet.expect('Login incorrect', 10_000);
      telnet.destroy();
    }
    const ssh = await sshClient({ port: daemon.ready.ssh, user: 'bob', password: WRONG_PASSWORDS[0] });
    clients.push(ssh);
    await ssh.expect(/Permission denied/, 10_000);
    const fine = await rawTelnetLogin(daemon.ready.telnet, 'bob', BOB_PASSWORD, { expect: '> ' });
    fine.destroy();
    const adminSsh = await loginAs(daemon, 'ssh', 'Admin', ADMIN_PASSWORD);
    clients.push(adminSsh);
    const [first, second, refused] = COMMAND_PASSWORDS;
    expect((await daemon.exec(`USER ADD eve PASSWORD=${first}`)).status).toBe(0);
    expect((await daemon.exec(`USER SET eve PASSWORD=${second} KEY="ssh-ed25519 ${keyBody} test"`)).status).toBe(0);
    expect((await daemon.exec(`USER ADD x! PASSWORD=${refused}`)).status).toBe(1);
    // Typed at the CLI, where a bad command is echoed back in the ERR output (SPEC §9).
    adminSsh.send(`USER SET eve PASSWORD=${refused} ACCESS=BOGUS\r`);
    await adminSsh.expect(/ERR \d+/, 5000);

    const log = daemon.log();
    expect(log).toContain('ccmd ready'); // the log is there and is being read
    for (const secret of [BOB_PASSWORD, ADMIN_PASSWORD, ...WRONG_PASSWORDS, ...COMMAND_PASSWORDS, keyBody]) {
      const line = log.split('\n').find((l) => l.includes(secret));
      expect(line, `a log line holds ${secret}`).toBeUndefined();
    }
  });
});
