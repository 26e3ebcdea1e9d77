/**
 * The Telnet listener with the project's codec (src/protocol/telnet) against the real inetutils
 * `telnet` client, and the suite's raw Telnet client (test/support/raw-telnet.ts) where
 * byte-exact checks or abrupt exits are needed.
 */
import { describe, expect, it, vi } from 'vitest';
import { BRK, IAC, SB, SE, WILL } from '../../src/protocol/telnet/constants.js';
import { TelnetOption } from '../../src/protocol/telnet/index.js';
import { TelnetServer, type TelnetServerOptions } from '../../src/transports/telnet/telnet-server.js';
import { telnetClient, type InteractiveClient } from '../support/clients.js';
import { RawTelnet } from '../support/raw-telnet.js';
import { closedAfterEachTelnetTest, greetingHandler, MapAuthenticator, telnetTestOptions } from './transport-fixtures.js';

const { servers, clients } = closedAfterEachTelnetTest();

async function startServer(overrides: Partial<TelnetServerOptions> = {}) {
  const authenticator = new MapAuthenticator({
    alice: { password: 'secretpw' },
    bob: { password: 'bobpass1' },
    carol: { password: 'carolpw1', locked: true },
  });
  const { handler, logins } = greetingHandler();
  const server = new TelnetServer({
    ...telnetTestOptions(authenticator, handler),
    listenerName: 'telnet-cli',
    ...overrides,
  });
  servers.push(server);
  const port = await server.listen();
  return { server, port, authenticator, logins };
}

function telnet(port: number): InteractiveClient {
  const client = telnetClient({ port });
  clients.push(client);
  return client;
}

async function logIn(client: InteractiveClient, name: string, password: string): Promise<void> {
  await client.expect('Username: ');
  client.send(`${name}\r`);
  await client.expect('Password: ');
  client.send(`${password}\r`);
}

describe('Telnet login with the real telnet client', () => {
  it('logs in, never shows the password, then greets and echoes', async () => {
    const { port, logins } = await startServer();
    const client = telnet(port);
    await logIn(client, 'alice', 'secretpw');
    await client.expect('hello alice port=null excl=false');
    client.send('xyz');
    await client.expect('xyz');
    expect(client.output).toContain('Username: alice');
    expect(client.output).not.toContain('secretpw');
    expect(logins[0]?.terminal.client).toMatchObject({ method: 'telnet', address: '127.0.0.1', listener: 'telnet-cli' });
    client.send('bye');
    await client.expect('goodbye');
    await client.expect('Connection closed');
  });

  it('answers a wrong password with Login incorrect and a new Username: prompt', async () => {
    const { port, logins } = await startServer();
    const client = telnet(port);
    await logIn(client, 'alice', 'wrongpw1');
    await client.expect('Login incorrect');
    await logIn(client, 'alice', 'secretpw');
    await client.expect('hello alice');
    expect(client.output).toMatch(/Password: \r?\nLogin incorrect\r?\nUsername: alice/);
    expect(logins).toHaveLength(1);
  });

  it('closes the connection after the third failure', async () => {
    const { port, logins } = await startServer();
    const client = telnet(port);
    for (let attempt = 0; attempt < 3; attempt++) {
      await logIn(client, 'alice', `wrong${attempt}pw`);
      await client.expect('Login incorrect');
    }
    await client.expect('Connection closed by foreign host');
    expect(client.output.match(/Username: /g)).toHaveLength(3);
    expect(logins).toHaveLength(0);
  });

  it('gives a locked user the same Login incorrect', async () => {
    const { port, logins } = await startServer();
    const client = telnet(port);
    await logIn(client, 'carol', 'carolpw1');
    await client.expect(/Login incorrect\r?\nUsername: $/);
    expect(logins).toHaveLength(0);
  });

  it('reads the login name: bob:3:E reaches the handler as bob, port 3, exclusive', async () => {
    const { port, logins } = await startServer();
    const client = telnet(port);
    await logIn(client, 'bob:3:E', 'bobpass1');
    await client.expect('hello bob port=3 excl=true');
    expect(logins[0]?.target).toEqual({ port: 3, exclusive: true });
  });

  it('a port socket fixes the port when the name names none', async () => {
    const { port } = await startServer({ fixedPort: 4, listenerName: 'telnet-port-4' });
    const client = telnet(port);
    await logIn(client, 'alice', 'secretpw');
    await client.expect('hello alice port=4 excl=false');
  });
});

describe('Telnet bytes and connections at the edges (raw sockets)', () => {
  it('round-trips all 256 byte values, 0xFF as IAC IAC', async () => {
    const { port, logins } = await startServer();
    const peer = await RawTelnet.open(port);
    await peer.logIn('alice', 'secretpw');
    await peer.expectCount('hello alice', 1);
    const before = peer.bytes.length;
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    peer.sendData(all);
    await vi.waitFor(() => { expect(peer.bytes.length >= before + 256, 'echo of 256 bytes').toBe(true); }, { timeout: 5000, interval: 10 });
    expect(Buffer.concat(logins[0]!.received)).toEqual(all);
    expect(peer.bytes.subarray(before)).toEqual(all);
  });

  it('hands typed-ahead bytes and the NAWS size over after login; IAC BRK is a break', async () => {
    const { port, logins } = await startServer();
    const peer = await RawTelnet.open(port);
    await peer.expectCount('Username: ', 1);
    // The server asked DO NAWS; the client agrees and reports its size (RFC 1073).
    const naws = Buffer.from([IAC, WILL, TelnetOption.NAWS, IAC, SB, TelnetOption.NAWS, 0, 100, 0, 30, IAC, SE]);
    peer.socket.write(Buffer.concat([naws, Buffer.from('alice\r\nsecretpw\r\nahead')]));
    await peer.expectCount('ahead', 1);
    expect(logins[0]?.resizes).toEqual([[100, 30]]);
    expect(Buffer.concat(logins[0]!.received).toString()).toBe('ahead');
    peer.socket.write(Buffer.from([IAC, BRK]));
    await peer.expectCount('BREAK!', 1);
  });

  it('bounds a huge username line and stays responsive', async () => {
    const { port, authenticator } = await startServer();
    const peer = await RawTelnet.open(port);
    await peer.expectCount('Username: ', 1);
    peer.socket.write(Buffer.alloc(1024 * 1024, 'a'));
    peer.socket.write('\r\nx\r\n');
    await peer.expectCount('Login incorrect', 1);
    expect(peer.output).toContain(`Username: ${'a'.repeat(128)}\r\nPassword: `);
    expect(authenticator.passwordChecks[0]?.user).toHaveLength(128);
  });

  it('closes a login that never completes at the login time-out', async () => {
    const { port, server } = await startServer({ loginTimeoutMs: 300 });
    const silent = await RawTelnet.open(port);
    const halfway = await RawTelnet.open(port);
    await halfway.expectCount('Username: ', 1);
    halfway.socket.write('alice\r\n');
    await halfway.expectCount('Password: ', 1);
    const started = Date.now();
    await vi.waitFor(() => { expect(silent.isClosed && halfway.isClosed, 'both closed').toBe(true); }, { timeout: 5000, interval: 10 });
    expect(Date.now() - started).toBeLessThan(3_000);
    await vi.waitFor(() => { expect(server.connectionCount, 'connections forgotten').toBe(0); }, { timeout: 5000, interval: 10 });
  });

  it('survives clients vanishing at every login stage, then still serves a login', async () => {
    const { port, server, authenticator, logins } = await startServer();
    const stages: ((peer: RawTelnet) => Promise<void>)[] = [
      async () => undefined,
      (peer) => peer.expectCount('Username: ', 1),
      async (peer) => (await peer.expectCount('Username: ', 1), void peer.socket.write('ali')),
      async (peer) => (await peer.expectCount('Username: ', 1), void peer.socket.write('alice\r\n'), await peer.expectCount('Password: ', 1)),
      async (peer) => {
        authenticator.delayMs = 200; // vanish while the password is being checked
        await peer.logIn('alice', 'secretpw');
        await vi.waitFor(() => { expect(authenticator.passwordChecks.length > 0, 'check started').toBe(true); }, { timeout: 5000, interval: 10 });
      },
    ];
    for (const stage of stages) {
      const peer = await RawTelnet.open(port);
      await stage(peer);
      peer.socket.destroy();
    }
    // The held check finishes (a real event, not a pause) and its connection is gone: no login.
    await vi.waitFor(() => { expect(authenticator.answered).toBe(authenticator.passwordChecks.length); }, { timeout: 5000, interval: 10 });
    await vi.waitFor(() => { expect(server.connectionCount).toBe(0); }, { timeout: 5000, interval: 10 });
    expect(logins).toHaveLength(0);
    authenticator.delayMs = 0;
    const loggedIn = await RawTelnet.open(port);
    await loggedIn.logIn('alice', 'secretpw');
    await loggedIn.expectCount('hello alice', 1);
    loggedIn.socket.destroy();
    await vi.waitFor(() => { expect(logins[0]?.closed, 'terminal close after the client vanished').toBe(true); }, { timeout: 5000, interval: 10 });
    await vi.waitFor(() => { expect(server.connectionCount, 'connections forgotten').toBe(0); }, { timeout: 5000, interval: 10 });
    const client = telnet(port);
    await logIn(client, 'alice', 'secretpw');
    await client.expect('hello alice');
  });
});

describe('the password', () => {
  it('logs the real telnet client in without echoing the password', async () => {
    const { port } = await startServer();
    const client = telnet(port);
    await logIn(client, 'bob:3:E', 'bobpass1');
    await client.expect('hello bob port=3 excl=true');
    client.send('xyz');
    await client.expect('xyz');
    expect(client.output).not.toContain('bobpass1');
  });
});
