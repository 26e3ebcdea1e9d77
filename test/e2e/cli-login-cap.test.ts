/**
 * SPEC §9 CLI cap through the real daemon (maxCliLogins 2): a third CLI login is told
 * `[ccmd] Too many logins; try again later` and closed, over Telnet and SSH; a login straight to
 * a port is not capped; a freed place is usable again; and a turned-away password is never
 * checked (so it never counts toward the lockout).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TOO_MANY_LOGINS } from '../../src/transports/auth.js';
import { sshClient } from '../support/clients.js';
import { ADMIN_PASSWORD, startDaemon, type DaemonProcess } from '../support/daemon.js';
import { rawTelnetLogin, type RawTelnet } from '../support/raw-telnet.js';

let daemon: DaemonProcess;
const open: RawTelnet[] = [];

beforeAll(async () => {
  daemon = await startDaemon({ config: { maxCliLogins: 2 } });
});

afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});

afterAll(async () => {
  await daemon?.stop();
});

async function cliLogin(expectText: string | RegExp): Promise<RawTelnet> {
  const client = await rawTelnetLogin(daemon.ready.telnet, 'Admin', ADMIN_PASSWORD, { expect: expectText });
  open.push(client);
  return client;
}

describe('maxCliLogins (SPEC §9)', () => {
  it('turns the third CLI login away on Telnet and SSH; a port login and a freed place still work', async () => {
    const first = await cliLogin('> ');
    await cliLogin('> ');
    const third = await cliLogin(TOO_MANY_LOGINS);
    await third.expectClosed(5_000);

    const ssh = await sshClient({ port: daemon.ready.ssh, user: 'Admin', password: ADMIN_PASSWORD, methods: 'password' });
    try {
      expect((await ssh.waitExit()).code).toBe(255);
    } finally {
      await ssh.close();
    }

    // Straight to a port: not a CLI login, so not capped.
    const direct = await rawTelnetLogin(daemon.ready.telnet, 'Admin:1', ADMIN_PASSWORD, { expect: '[ccmd] Connection complete: port 1' });
    open.push(direct);
    expect(direct.output).not.toContain(TOO_MANY_LOGINS);

    first.send('QUIT\r\n');
    await first.expectClosed(5_000);
    await cliLogin('> ');
  });

  it('never checks a turned-away password, so wrong ones then do not count toward the lockout', async () => {
    const held = [await cliLogin('> '), await cliLogin('> ')];
    for (let i = 0; i < 6; i++) {
      const turnedAway = await rawTelnetLogin(daemon.ready.telnet, 'Admin', `wrong-${i}`, { expect: TOO_MANY_LOGINS });
      open.push(turnedAway);
      await turnedAway.expectClosed(5_000);
    }
    for (const client of held) client.send('QUIT\r\n');
    await Promise.all(held.map((client) => client.expectClosed(5_000)));
    // Five checked failures in a row would have locked Admin for an hour (SPEC §9).
    await cliLogin('> ');
  });
});
