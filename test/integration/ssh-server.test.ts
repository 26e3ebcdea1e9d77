/**
 * The SSH listener against real OpenSSH (and ssh2's client where OpenSSH cannot be steered:
 * window-change, back-pressure, raw half-done handshakes).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadOrCreateHostKey } from '../../src/transports/ssh/host-key.js';
import { EXEC_REFUSED_MESSAGE, SshServer, type SshServerOptions } from '../../src/transports/ssh/ssh-server.js';
import { sshClient, sshKeygen, type GeneratedKey, type InteractiveClient } from '../support/clients.js';
import { greetingHandler, MapAuthenticator, parseTestLoginName } from './transport-fixtures.js';

let dir: string;
let hostKey: string;
let key: GeneratedKey;
let otherKey: GeneratedKey;
const servers: SshServer[] = [];
const clients: InteractiveClient[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccmd-ssh-test-'));
  hostKey = (await loadOrCreateHostKey(join(dir, 'data'))).privateKey;
  key = await sshKeygen(dir);
  otherKey = await sshKeygen(dir, 'id_other');
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function startServer(overrides: Partial<SshServerOptions> = {}) {
  const authenticator = new MapAuthenticator({
    alice: { password: 'alicepw1' },
    bob: { password: 'bobpass1', keys: [key.publicKeyLine] },
    carol: { password: 'carolpw1', locked: true },
  });
  const { handler, logins } = greetingHandler();
  const server = new SshServer({
    host: '127.0.0.1',
    port: 0,
    hostKey,
    authenticator,
    parseLoginName: parseTestLoginName,
    onLogin: handler,
    listenerName: 'ssh-cli',
    ...overrides,
  });
  servers.push(server);
  const port = await server.listen();
  return { server, port, authenticator, logins };
}

async function ssh(options: Parameters<typeof sshClient>[0]): Promise<InteractiveClient> {
  const client = await sshClient(options);
  clients.push(client);
  return client;
}

describe('SSH login with real OpenSSH', () => {
  it('logs in with a password, greets, echoes, and ends when the handler closes', async () => {
    const { port, logins } = await startServer();
    const client = await ssh({ port, user: 'alice', password: 'alicepw1', methods: 'password' });
    await client.expect('hello alice port=null excl=false');
    client.send('xyz');
    await client.expect('xyz');
    client.send('bye');
    await client.expect('goodbye');
    expect((await client.waitExit()).code).toBe(0);
    expect(logins[0]?.terminal.client).toMatchObject({ method: 'ssh', address: '127.0.0.1', host: '127.0.0.1', listener: 'ssh-cli' });
    await vi.waitFor(() => { expect(logins[0]?.closed, 'terminal close event').toBe(true); }, { timeout: 5000, interval: 10 });
  });

  it('logs in with keyboard-interactive (Password: prompt)', async () => {
    const { port } = await startServer();
    const client = await ssh({ port, user: 'alice', password: 'alicepw1', methods: 'keyboard-interactive' });
    await client.expect('hello alice port=null excl=false');
  });

  it('logs in with a public key made by ssh-keygen', async () => {
    const { port, authenticator } = await startServer();
    const client = await ssh({ port, user: 'bob', identityFile: key.privateKeyPath, methods: 'publickey' });
    await client.expect('hello bob port=null excl=false');
    // The key query and the signed request are one check.
    expect(authenticator.keyChecks).toEqual([{ user: 'bob', algo: 'ssh-ed25519' }]);
  });

  it('refuses a key that is not authorised', async () => {
    const { port, logins } = await startServer();
    const client = await ssh({ port, user: 'bob', identityFile: otherKey.privateKeyPath, methods: 'publickey' });
    await client.expect('Permission denied');
    expect((await client.waitExit()).code).toBe(255);
    expect(logins).toHaveLength(0);
  });

  it('refuses a wrong password and a locked user with the ordinary failure', async () => {
    const { port, logins } = await startServer();
    for (const [user, password] of [['alice', 'wrongpw1'], ['carol', 'carolpw1']] as const) {
      const client = await ssh({ port, user, password, methods: 'password' });
      await client.expect('Permission denied');
      expect((await client.waitExit()).code).toBe(255);
    }
    expect(logins).toHaveLength(0);
  });

  it('offers only the methods the authenticator allows (SERVER SSH AUTH=)', async () => {
    const { port, authenticator } = await startServer();
    authenticator.methods = { password: false, publicKey: true, enabled: true };
    const refused = await ssh({ port, user: 'alice', password: 'alicepw1', methods: 'password,keyboard-interactive' });
    await refused.expect('Permission denied (publickey)');
    const allowed = await ssh({ port, user: 'bob', identityFile: key.privateKeyPath });
    await allowed.expect('hello bob');
  });

  it('refuses exec with a one-line message and exit status 1', async () => {
    const { port, logins } = await startServer();
    const client = await ssh({ port, user: 'alice', password: 'alicepw1', remoteCommand: 'ls -l' });
    await client.expect(EXEC_REFUSED_MESSAGE.trim());
    expect((await client.waitExit()).code).toBe(1);
    expect(logins).toHaveLength(0);
  });

  it('reads the login name: bob:3:E reaches the handler as bob, port 3, exclusive', async () => {
    const { port, logins } = await startServer();
    const client = await ssh({ port, user: 'bob:3:E', password: 'bobpass1' });
    await client.expect('hello bob port=3 excl=true');
    expect(logins[0]?.target).toEqual({ port: 3, exclusive: true });
  });

  it('a port socket fixes the port when the name names none', async () => {
    const { port } = await startServer({ fixedPort: 5, listenerName: 'ssh-port-5' });
    const plain = await ssh({ port, user: 'alice', password: 'alicepw1' });
    await plain.expect('hello alice port=5 excl=false');
    const named = await ssh({ port, user: 'alice:router1:E', password: 'alicepw1' });
    await named.expect('hello alice port=router1 excl=true');
  });

  it('turns the ~B escape (RFC 4335 break) into a break event', async () => {
    const { port, logins } = await startServer();
    const client = await ssh({ port, user: 'alice', password: 'alicepw1' });
    await client.expect('hello alice');
    client.send('\r~B');
    await client.expect('BREAK!');
    expect(logins[0]?.breaks).toBe(1);
  });

  it('refuses a bad login name', async () => {
    const { port, logins } = await startServer();
    const client = await ssh({ port, user: 'a:b:c:d', password: 'alicepw1' });
    await client.expect('Permission denied');
    expect(logins).toHaveLength(0);
  });
});

/** Opens an ssh2 client session; resolves with the shell stream. */
function ssh2Shell(port: number, window: { cols: number; rows: number }) {
  return new Promise<{ conn: ssh2.Client; stream: ssh2.ClientChannel }>((resolve, reject) => {
    const conn = new ssh2.Client();
    conn.on('error', reject);
    conn.on('ready', () => {
      conn.shell({ cols: window.cols, rows: window.rows, term: 'xterm' }, (error, stream) => {
        if (error) reject(error);
        else resolve({ conn, stream });
      });
    });
    conn.connect({ host: '127.0.0.1', port, username: 'alice', password: 'alicepw1' });
  });
}

describe('SSH terminal behaviour (ssh2 client)', () => {
  it('reports the pty size, then window changes, as resize events', async () => {
    const { port, logins } = await startServer();
    const { conn, stream } = await ssh2Shell(port, { cols: 100, rows: 30 });
    try {
      await vi.waitFor(() => { expect(logins[0]?.resizes.length, 'initial size').toBe(1); }, { timeout: 5000, interval: 10 });
      stream.setWindow(40, 120, 0, 0);
      await vi.waitFor(() => { expect(logins[0]?.resizes.length, 'window change').toBe(2); }, { timeout: 5000, interval: 10 });
      expect(logins[0]?.resizes).toEqual([[100, 30], [120, 40]]);
    } finally {
      conn.end();
    }
  });

  it('refuses SFTP, remote and local port forwarding', async () => {
    const { port } = await startServer();
    const { conn } = await ssh2Shell(port, { cols: 80, rows: 24 });
    try {
      const sftp = await new Promise<Error | undefined>((resolve) => conn.sftp((error) => resolve(error)));
      expect(sftp?.message).toMatch(/unable to start subsystem/i);
      const forwardIn = await new Promise<Error | undefined>((resolve) => conn.forwardIn('127.0.0.1', 0, (error) => resolve(error)));
      expect(forwardIn).toBeInstanceOf(Error);
      const forwardOut = await new Promise<Error | undefined>((resolve) =>
        conn.forwardOut('127.0.0.1', 1, '127.0.0.1', port, (error) => resolve(error)),
      );
      expect(forwardOut).toBeInstanceOf(Error);
    } finally {
      conn.end();
    }
  });

  it('uses the reverse lookup for ClientInfo.host when one is given', async () => {
    const { port, logins } = await startServer({ lookupHostName: async () => 'client.example', listenerName: 'ssh-port-2' });
    const { conn } = await ssh2Shell(port, { cols: 80, rows: 24 });
    try {
      await vi.waitFor(() => { expect(logins.length, 'login').toBe(1); }, { timeout: 5000, interval: 10 });
      expect(logins[0]?.terminal.client).toEqual({
        method: 'ssh', address: '127.0.0.1', remotePort: expect.any(Number) as number, host: 'client.example', listener: 'ssh-port-2',
        localPort: port, // issue 12: SHOW USER's Socket
      });
    } finally {
      conn.end();
    }
  });

  it('write returns false when the client stops reading, and drain follows when it reads again', async () => {
    const { port, logins } = await startServer();
    const { conn, stream } = await ssh2Shell(port, { cols: 80, rows: 24 });
    try {
      stream.pause();
      await vi.waitFor(() => { expect(logins.length, 'login').toBe(1); }, { timeout: 5000, interval: 10 });
      const terminal = logins[0]!.terminal;
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      let writes = 0;
      while (terminal.write(chunk)) {
        writes++;
        if (writes > 1000) throw new Error('write never reported back-pressure');
      }
      expect(terminal.pendingBytes).toBeGreaterThan(0);
      let drained = false;
      terminal.on('drain', () => (drained = true));
      stream.resume();
      await vi.waitFor(() => { expect(drained, 'drain').toBe(true); }, { timeout: 5000, interval: 10 });
    } finally {
      conn.end();
    }
  });
});

function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    socket.resume(); // read (and drop) what the server sends, so its close is seen
  });
}

describe('SSH connections that go wrong', () => {
  it('closes a connection that never authenticates at the login time-out', async () => {
    const { port, server } = await startServer({ loginTimeoutMs: 300 });
    const socket = await rawSocket(port);
    socket.write('SSH-2.0-OpenSSH_9.2\r\n');
    const started = Date.now();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(Date.now() - started).toBeLessThan(3_000);
    await vi.waitFor(() => { expect(server.connectionCount, 'connection forgotten').toBe(0); }, { timeout: 5000, interval: 10 });
  });

  it('survives clients vanishing at every stage, then still serves a login', async () => {
    const { port, server, logins } = await startServer();
    // Right after connect, after the ident, and mid key exchange (garbage).
    for (const payload of ['', 'SSH-2.0-OpenSSH_9.2\r\n', 'SSH-2.0-OpenSSH_9.2\r\n\x00\x00\x00\x10garbage-garbage']) {
      const socket = await rawSocket(port);
      let heard = false;
      socket.once('data', () => { heard = true; });
      if (payload !== '') socket.write(payload);
      // The server is handling this connection once it has sent its own version line.
      await vi.waitFor(() => { expect(heard, 'the server version line').toBe(true); }, { timeout: 5000, interval: 10 });
      socket.destroy();
    }
    // At the password prompt, and after login.
    const atPrompt = await ssh({ port, user: 'alice', methods: 'keyboard-interactive' });
    await atPrompt.expect('Password:');
    await atPrompt.close();
    const loggedIn = await ssh({ port, user: 'alice', password: 'alicepw1' });
    await loggedIn.expect('hello alice');
    await loggedIn.close();
    await vi.waitFor(() => { expect(logins[0]?.closed, 'terminal closed after the client died').toBe(true); }, { timeout: 5000, interval: 10 });
    await vi.waitFor(() => { expect(server.connectionCount, 'all connections forgotten').toBe(0); }, { timeout: 5000, interval: 10 });
    const again = await ssh({ port, user: 'alice', password: 'alicepw1' });
    await again.expect('hello alice');
  });
});
