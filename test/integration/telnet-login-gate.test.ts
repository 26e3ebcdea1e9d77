/**
 * The Telnet listeners with a CLI login gate of capacity 2 (SPEC §9 CLI cap, checked before the
 * password is hashed): a login beyond it is turned away unchecked, a failed or abandoned check
 * gives its place back, and logins straight to a port are never gated.
 */
import { describe, expect, it, vi } from 'vitest';
import { TOO_MANY_LOGINS } from '../../src/transports/auth.js';
import { CliLoginGate } from '../../src/transports/login-gate.js';
import { TelnetServer } from '../../src/transports/telnet/telnet-server.js';
import { telnetClient } from '../support/clients.js';
import { RawTelnet } from '../support/raw-telnet.js';
import {
  activeCliLogins, closedAfterEachTelnetTest, greetingHandler, MapAuthenticator, telnetTestOptions,
} from './transport-fixtures.js';

const { servers, clients } = closedAfterEachTelnetTest();

/** A CLI listener and a port-4 socket sharing one gate, as the daemon wires them. */
async function startServers(capacity: number) {
  const authenticator = new MapAuthenticator({ alice: { password: 'secretpw' } });
  const { handler, logins } = greetingHandler();
  const gate = new CliLoginGate(capacity, () => activeCliLogins(logins));
  const common = { ...telnetTestOptions(authenticator, handler), gate };
  const cli = new TelnetServer({ ...common, listenerName: 'telnet-cli' });
  const portSocket = new TelnetServer({ ...common, listenerName: 'telnet-port-4', fixedPort: 4 });
  servers.push(cli, portSocket);
  return { cliPort: await cli.listen(), portSocketPort: await portSocket.listen(), authenticator, gate, logins };
}

describe('Telnet CLI login gate (capacity 2)', () => {
  it('turns a third concurrent CLI login away without checking its password', async () => {
    const { cliPort, authenticator, gate, logins } = await startServers(2);
    const release = authenticator.holdAnswers();
    const [first, second, third] = await Promise.all([RawTelnet.open(cliPort), RawTelnet.open(cliPort), RawTelnet.open(cliPort)]);
    await first!.logIn('alice', 'secretpw');
    await second!.logIn('alice', 'secretpw');
    await vi.waitFor(() => { expect(authenticator.passwordChecks.length, 'two checks in progress').toBe(2); }, { timeout: 5000, interval: 10 });
    await third!.logIn('alice', 'secretpw');
    await third!.expectCount(`${TOO_MANY_LOGINS}\r\n`, 1);
    await vi.waitFor(() => { expect(third!.isClosed, 'the turned-away connection closed').toBe(true); }, { timeout: 5000, interval: 10 });
    expect(authenticator.passwordChecks).toHaveLength(2);
    expect(gate.authenticating).toBe(2);

    release();
    await first!.expectCount('hello alice port=null', 1);
    await second!.expectCount('hello alice port=null', 1);
    expect(gate.authenticating).toBe(0);
    // The two logins now count as active: still no room, still no check.
    const fourth = await RawTelnet.open(cliPort);
    await fourth.logIn('alice', 'secretpw');
    await fourth.expectCount(TOO_MANY_LOGINS, 1);
    expect(authenticator.passwordChecks).toHaveLength(2);

    first!.socket.write('bye');
    await vi.waitFor(() => { expect(logins[0]?.closed, 'first login ended').toBe(true); }, { timeout: 5000, interval: 10 });
    const fifth = await RawTelnet.open(cliPort);
    await fifth.logIn('alice', 'secretpw');
    await fifth.expectCount('hello alice', 1);
    expect(authenticator.passwordChecks).toHaveLength(3);
  });

  it('shows the real telnet client the message, then closes', async () => {
    const { cliPort } = await startServers(0);
    const client = telnetClient({ port: cliPort });
    clients.push(client);
    await client.expect('Username: ');
    client.send('alice\r');
    await client.expect('Password: ');
    client.send('secretpw\r');
    await client.expect(TOO_MANY_LOGINS);
    await client.expect('Connection closed by foreign host');
  });

  it('gives the place back when the check fails, and when the client leaves mid-check', async () => {
    const { cliPort, authenticator, gate } = await startServers(1);
    let release = authenticator.holdAnswers();
    const wrong = await RawTelnet.open(cliPort);
    await wrong.logIn('alice', 'wrongpw1');
    await vi.waitFor(() => { expect(authenticator.passwordChecks.length, 'check in progress').toBe(1); }, { timeout: 5000, interval: 10 });
    const refused = await RawTelnet.open(cliPort);
    await refused.logIn('alice', 'secretpw');
    await refused.expectCount(TOO_MANY_LOGINS, 1);
    release();
    await wrong.expectCount('Login incorrect', 1);
    expect(gate.authenticating).toBe(0);

    release = authenticator.holdAnswers();
    const leaving = await RawTelnet.open(cliPort);
    await leaving.logIn('alice', 'secretpw');
    await vi.waitFor(() => { expect(authenticator.passwordChecks.length, 'second check in progress').toBe(2); }, { timeout: 5000, interval: 10 });
    expect(gate.authenticating).toBe(1);
    leaving.socket.destroy();
    await vi.waitFor(() => { expect(gate.authenticating, 'place given back on close').toBe(0); }, { timeout: 5000, interval: 10 });
    release();

    await wrong.logIn('alice', 'secretpw', 2);
    await wrong.expectCount('hello alice', 1);
    expect(authenticator.passwordChecks).toHaveLength(3);
  });

  it('never gates a login straight to a port, by name or by port socket', async () => {
    const { cliPort, portSocketPort, authenticator, logins } = await startServers(1);
    const cli = await RawTelnet.open(cliPort);
    await cli.logIn('alice', 'secretpw');
    await cli.expectCount('hello alice port=null', 1);
    const release = authenticator.holdAnswers(); // checks held: gated ones would be refused now
    const byName = await RawTelnet.open(cliPort);
    await byName.logIn('alice:3', 'secretpw');
    const bySocket = await RawTelnet.open(portSocketPort);
    await bySocket.logIn('alice', 'secretpw');
    await vi.waitFor(() => { expect(authenticator.passwordChecks.length, 'both port logins checked').toBe(3); }, { timeout: 5000, interval: 10 });
    release();
    await byName.expectCount('hello alice port=3', 1);
    await bySocket.expectCount('hello alice port=4', 1);
    expect(logins.map((login) => login.target.port)).toEqual([null, 3, 4]);
  });
});
