/**
 * The SSH listeners with a CLI login gate (SPEC §9 CLI cap, checked before credentials are
 * checked): a login beyond it is rejected unchecked and disconnected, a failed check or an
 * authenticated connection that opens no shell gives its place back, and logins straight to a
 * port are never gated. ssh2's client drives the steps one by one; OpenSSH checks the exit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliLoginGate } from '../../src/transports/login-gate.js';
import { loadOrCreateHostKey } from '../../src/transports/ssh/host-key.js';
import { SshServer } from '../../src/transports/ssh/ssh-server.js';
import { sshClient } from '../support/clients.js';
import { activeCliLogins, greetingHandler, MapAuthenticator, parseTestLoginName } from './transport-fixtures.js';

let dir: string;
let hostKey: string;
const servers: SshServer[] = [];
const connections: ssh2.Client[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccmd-ssh-gate-test-'));
  hostKey = (await loadOrCreateHostKey(join(dir, 'data'))).privateKey;
});

afterEach(async () => {
  for (const conn of connections.splice(0)) conn.end();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function startServers(capacity: number, loginTimeoutMs?: number) {
  const authenticator = new MapAuthenticator({ alice: { password: 'alicepw1' } });
  const { handler, logins } = greetingHandler();
  const gate = new CliLoginGate(capacity, () => activeCliLogins(logins));
  const common = { host: '127.0.0.1', port: 0, hostKey, authenticator, parseLoginName: parseTestLoginName, onLogin: handler, gate, loginTimeoutMs };
  const cli = new SshServer({ ...common, listenerName: 'ssh-cli' });
  const portSocket = new SshServer({ ...common, listenerName: 'ssh-port-4', fixedPort: 4 });
  servers.push(cli, portSocket);
  return { cli, cliPort: await cli.listen(), portSocketPort: await portSocket.listen(), authenticator, gate, logins };
}

/** One ssh2 connection; `outcome` settles with `ready`, or `refused` when authentication fails or the server hangs up. */
function connectAs(port: number, username: string, password: string) {
  const conn = new ssh2.Client();
  connections.push(conn);
  const outcome = new Promise<'ready' | 'refused'>((resolve) => {
    conn.on('ready', () => resolve('ready'));
    conn.on('error', () => resolve('refused'));
    conn.on('close', () => resolve('refused'));
  });
  conn.connect({ host: '127.0.0.1', port, username, password, tryKeyboard: false });
  return { conn, outcome };
}

function openShell(conn: ssh2.Client): Promise<ssh2.ClientChannel> {
  return new Promise((resolve, reject) => {
    conn.shell({ term: 'xterm', cols: 80, rows: 24 }, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

describe('SSH CLI login gate', () => {
  it('rejects a third concurrent CLI login without checking it, then counts the shells as logins', async () => {
    const { cliPort, authenticator, gate, logins } = await startServers(2);
    const release = authenticator.holdAnswers();
    const first = connectAs(cliPort, 'alice', 'alicepw1');
    const second = connectAs(cliPort, 'alice', 'alicepw1');
    await vi.waitFor(() => { expect(authenticator.passwordChecks.length, 'two checks in progress').toBe(2); }, { timeout: 5000, interval: 10 });
    expect(await connectAs(cliPort, 'alice', 'alicepw1').outcome).toBe('refused');
    expect(authenticator.passwordChecks).toHaveLength(2);

    release();
    expect(await first.outcome).toBe('ready');
    expect(await second.outcome).toBe('ready');
    // Authenticated, no shell yet: the places are still held.
    expect(gate.authenticating).toBe(2);
    await openShell(first.conn);
    await openShell(second.conn);
    await vi.waitFor(() => { expect(logins.length, 'two logins handed over').toBe(2); }, { timeout: 5000, interval: 10 });
    expect(gate.authenticating).toBe(0);
    expect(await connectAs(cliPort, 'alice', 'alicepw1').outcome).toBe('refused');
    expect(authenticator.passwordChecks).toHaveLength(2);
  });

  it('OpenSSH turned away exits with the ordinary authentication failure', async () => {
    const { cliPort, authenticator } = await startServers(0);
    const client = await sshClient({ port: cliPort, user: 'alice', password: 'alicepw1', methods: 'password' });
    try {
      expect((await client.waitExit()).code).toBe(255);
      expect(authenticator.passwordChecks).toHaveLength(0);
    } finally {
      await client.close();
    }
  });

  it('gives the place back after a failed check, and when no shell comes by the login time-out', async () => {
    const { cli, cliPort, authenticator, gate } = await startServers(1, 300);
    expect(await connectAs(cliPort, 'alice', 'wrongpw1').outcome).toBe('refused');
    await vi.waitFor(() => { expect(gate.authenticating, 'place given back after the failure').toBe(0); }, { timeout: 5000, interval: 10 });

    const idle = connectAs(cliPort, 'alice', 'alicepw1');
    expect(await idle.outcome).toBe('ready');
    expect(gate.authenticating).toBe(1);
    await vi.waitFor(() => { expect(gate.authenticating, 'place given back at the login time-out').toBe(0); }, { timeout: 5000, interval: 10 });
    expect(cli.connectionCount).toBe(1); // the connection itself is not cut
    const next = connectAs(cliPort, 'alice', 'alicepw1');
    expect(await next.outcome).toBe('ready');
    expect(authenticator.passwordChecks).toHaveLength(3);
  });

  it('never gates a login straight to a port, by name or by port socket', async () => {
    const { cliPort, portSocketPort, logins } = await startServers(1);
    const cli = connectAs(cliPort, 'alice', 'alicepw1');
    expect(await cli.outcome).toBe('ready');
    await openShell(cli.conn);
    const byName = connectAs(cliPort, 'alice:3', 'alicepw1');
    const bySocket = connectAs(portSocketPort, 'alice', 'alicepw1');
    expect(await byName.outcome).toBe('ready');
    expect(await bySocket.outcome).toBe('ready');
    await openShell(byName.conn);
    await openShell(bySocket.conn);
    await vi.waitFor(() => { expect(logins.length, 'three logins').toBe(3); }, { timeout: 5000, interval: 10 });
    expect(logins.map((login) => login.target.port).sort()).toEqual([3, 4, null]);
  });
});
