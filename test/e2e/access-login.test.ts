/**
 * SPEC §2 ways in, through the real OpenSSH and telnet clients: CLI login and prompt, wrong
 * passwords, public-key login, login names straight to a port (`name:3`, `name:2:E`), per-port
 * sockets, exclusive access, and the access character (^D) with RESUME (SPEC §6).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sshClient, sshKeygen, telnetClient, type GeneratedKey, type InteractiveClient } from '../support/clients.js';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { WAYS, type Way } from '../support/login.js';
import { seededDataDir } from '../support/users.js';
import { CAST, Clients, PortPool, holdPort, noticeLine, passwordOf } from './access-fixture.js';

let daemon: DaemonProcess;
let key: GeneratedKey;
const clients = new Clients(() => daemon);
const ports = new PortPool(1, 16);

beforeAll(async () => {
  key = await sshKeygen(mkdtempSync(join(tmpdir(), 'ccmd-key-')));
  const dataDir = await seededDataDir([...CAST, { name: 'keyuser', keys: [key.publicKeyLine] }]);
  daemon = await startDaemon({ dataDir, portListeners: true });
});
afterEach(() => clients.closeAll());
afterAll(async () => {
  await clients.closeAll();
  await daemon?.stop();
});

/** `client` asks for `port`, which usr1 holds exclusively: offered E/N/D, it answers `key` (D, any case) and is back at the CLI. */
async function declineExclusiveOffer(client: InteractiveClient, port: number, key: 'd' | 'D'): Promise<void> {
  client.send(`CONNECT ${port}\r`);
  await client.expect(noticeLine(`Port ${port} in use by usr1 (USER). E)xclusive, N)on-exclusive, D)on't connect?`));
  client.send(key);
  await client.expect('> ');
}

function socketOf(way: Way, port: number): number {
  const listener = (way === 'ssh' ? daemon.ready.portSsh : daemon.ready.portTelnet)[String(port)];
  if (listener === undefined) throw new Error(`no ${way} listener for port ${port}`);
  return listener;
}

describe.each(WAYS)('ways in over %s', (way) => {
  it('logs in to the CLI prompt, and QUIT ends the connection', async () => {
    const client = await clients.login(way, 'usr1');
    expect(client.output).toMatch(/> $/);
    client.send('QUIT\r');
    await client.waitExit(5000);
  });

  it('name:n goes straight to port n with Connection complete', async () => {
    const port = ports.take();
    const client = await clients.login(way, `usr1:${port}`, { expect: noticeLine(`Connection complete: port ${port} (${portLabel(port)})`) });
    client.send('\r');
    await client.expect(`device${port}$ `);
  });

  it('a per-port socket leads straight into its port with Connection complete', async () => {
    const port = ports.take();
    const client = await clients.login(way, 'usr1', {
      tcpPort: socketOf(way, port), expect: noticeLine(`Connection complete: port ${port} (${portLabel(port)})`),
    });
    client.send('\r');
    await client.expect(`device${port}$ `);
  });

  it('name:n:E connects exclusively, and a second user gets the E/N/D choice', async () => {
    const port = ports.take();
    await clients.login(way, `usr1:${port}:E`, { expect: noticeLine(`Connection complete: port ${port} (${portLabel(port)}), exclusive`) });
    const second = await clients.login(way, 'usr2');
    await declineExclusiveOffer(second, port, 'd');
  });

  it('CONNECT n EXCLUSIVE connects exclusively, and a higher user gets the E/N/D choice', async () => {
    const port = ports.take();
    await holdPort(clients, way, 'usr1', port, `CONNECT ${port} EXCLUSIVE`);
    const second = await clients.login(way, 'adm1');
    await declineExclusiveOffer(second, port, 'D');
  });

  it('^D escapes from the port to the CLI and RESUME goes back', async () => {
    const port = ports.take();
    const client = await holdPort(clients, way, 'usr1', port);
    client.send('abc');
    await client.expect('abc'); // the simulated device echoes
    client.send('\x04');
    await client.expect('> ');
    client.send('RESUME\r');
    await client.expect('RESUME');
    client.send('xyz\r');
    await client.expect(`xyz\r\ndevice${port}$ `);
  });
});

describe('wrong password and keys', () => {
  it('telnet: Login incorrect, then a new Username: prompt that works', async () => {
    const client = clients.track(telnetClient({ port: daemon.ready.telnet }));
    await client.expect('Username:', 10_000);
    client.send('usr4\r');
    await client.expect('Password:');
    client.send('not-the-password\r');
    await client.expect('Login incorrect');
    await client.expect('Username:');
    client.send('usr4\r');
    await client.expect('Password:');
    client.send(`${passwordOf('usr4')}\r`);
    await client.expect('> ');
  });

  it('ssh: the ordinary authentication failure, and the client exits non-zero', async () => {
    const client = clients.track(await sshClient({ port: daemon.ready.ssh, user: 'usr3', password: 'not-the-password' }));
    const exit = await client.waitExit(10_000);
    expect(exit.code).not.toBe(0);
    expect(client.output).toContain('Permission denied');
    expect(client.output).not.toContain('> ');
  });

  it('ssh: public-key login with a key made by ssh-keygen reaches the prompt', async () => {
    const client = clients.track(await sshClient({ port: daemon.ready.ssh, user: 'keyuser', identityFile: key.privateKeyPath }));
    await client.expect('> ', 10_000);
    client.send('CONNECT 16\r');
    await client.expect(noticeLine(`Connection complete: port 16 (${portLabel(16)})`));
  });

  it('ssh: a key the user does not have is refused', async () => {
    const other = await sshKeygen(mkdtempSync(join(tmpdir(), 'ccmd-key-')), 'id_other');
    const client = clients.track(await sshClient({ port: daemon.ready.ssh, user: 'keyuser', identityFile: other.privateKeyPath,
      methods: 'publickey' }));
    const exit = await client.waitExit(10_000);
    expect(exit.code).not.toBe(0);
    expect(client.output).toContain('Permission denied');
  });
});
