/**
 * Issue 5, SPEC §9 lockout over REAL logins: 5 failed logins in a row (OpenSSH password
 * attempts, telnet `Password:` answers) lock the user; the right password is then refused on
 * every way in; `USER UNLOCK` from the control socket lets them in again. `SERVER SECURITY
 * LOCKOUT=0` turns it off. The control socket itself is never locked out (admin-console.test.ts
 * drives `ccmd console` for a locked Admin).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sshClient, telnetClient, type InteractiveClient } from '../support/clients.js';
import { ADMIN_PASSWORD, startDaemon, type DaemonProcess } from '../support/daemon.js';
import { Logins, addUsers, execOk } from './admin-fixture.js';

let daemon: DaemonProcess;
const logins = new Logins(() => daemon);

beforeAll(async () => {
  daemon = await startDaemon();
  await addUsers(daemon, [
    { name: 'sshlock', password: 'right-pass1' },
    { name: 'tellock', password: 'right-pass1' },
    { name: 'mixlock', password: 'right-pass1' },
    { name: 'nolock', password: 'right-pass1' },
  ]);
});
afterEach(() => logins.closeAll());
afterAll(async () => {
  await logins.closeAll();
  await daemon?.stop();
});

/** One OpenSSH password attempt; resolves true at the `> ` prompt, false on `Permission denied`. */
async function sshAttempt(user: string, password: string): Promise<boolean> {
  const client = logins.track(await sshClient({ port: daemon.ready.ssh, user, password, methods: 'password' }));
  await client.expect(/> |Permission denied/, 10_000);
  if (client.output.includes('> ')) return true;
  const exit = await client.waitExit(5000);
  expect(exit.code).toBe(255);
  return false;
}

/** Answers telnet's `Username:`/`Password:` once; resolves true at `> `, false on `Login incorrect`. */
async function telnetAttempt(client: InteractiveClient, user: string, password: string): Promise<boolean> {
  await client.expect('Username:', 5000);
  client.send(`${user}\r`);
  await client.expect('Password:', 5000);
  const mark = client.output.length;
  client.send(`${password}\r`);
  await client.expect(/> |Login incorrect/, 10_000);
  return !client.output.slice(mark).includes('Login incorrect');
}

function newTelnet(): InteractiveClient {
  return logins.track(telnetClient({ port: daemon.ready.telnet }));
}

async function failureCount(user: string): Promise<{ failed: number; status: string }> {
  const output = await execOk(daemon, `SHOW USER ${user}`);
  return {
    failed: Number(/Failed logins:\s+(\d+)/.exec(output)?.[1]),
    // Issue 12 item 6: the manual's `Locked: YES|NO`, with our `Locked until: <time> (<n> min)`.
    status: /^Locked:\s+YES$/m.test(output) ? `locked ${/^Locked until:\s+\S+ \((\d+) min\)$/m.exec(output)?.[1]} min` : '-',
  };
}

describe('lockout after 5 failed logins in a row (SPEC §9)', () => {
  it('over SSH: locked after the fifth, the right password refused, USER UNLOCK lets them in', async () => {
    for (let i = 1; i <= 4; i++) expect(await sshAttempt('sshlock', `wrong-pass${i}`)).toBe(false);
    expect(await failureCount('sshlock')).toEqual({ failed: 4, status: '-' });
    expect(await sshAttempt('sshlock', 'wrong-pass5')).toBe(false);
    expect((await failureCount('sshlock')).status).toBe('locked 60 min');
    expect(await sshAttempt('sshlock', 'right-pass1')).toBe(false);
    await execOk(daemon, 'USER UNLOCK sshlock');
    expect(await failureCount('sshlock')).toEqual({ failed: 0, status: '-' });
    expect(await sshAttempt('sshlock', 'right-pass1')).toBe(true);
  });

  it('over Telnet: 3 failures close the connection, 2 more lock, then Login incorrect for the right password', async () => {
    const first = newTelnet();
    for (let i = 1; i <= 3; i++) expect(await telnetAttempt(first, 'tellock', `wrong-pass${i}`)).toBe(false);
    await first.waitExit(5000); // the third failure closes the connection (SPEC §9)
    expect(first.hasExited).toBe(true);
    const second = newTelnet();
    for (let i = 4; i <= 5; i++) expect(await telnetAttempt(second, 'tellock', `wrong-pass${i}`)).toBe(false);
    expect(await telnetAttempt(second, 'tellock', 'right-pass1')).toBe(false);
    expect((await failureCount('tellock')).status).toBe('locked 60 min');
    await execOk(daemon, 'USER UNLOCK tellock');
    const third = newTelnet();
    expect(await telnetAttempt(third, 'tellock', 'right-pass1')).toBe(true);
    third.send('SHOW USER\r');
    await third.expect(/User:\s+tellock/);
  });

  it('failures count across ways in, and a success in between starts the count again', async () => {
    const telnet = newTelnet();
    for (let i = 1; i <= 2; i++) expect(await telnetAttempt(telnet, 'mixlock', `wrong-pass${i}`)).toBe(false);
    expect(await sshAttempt('mixlock', 'wrong-pass3')).toBe(false);
    expect((await failureCount('mixlock')).failed).toBe(3);
    expect(await sshAttempt('mixlock', 'right-pass1')).toBe(true);
    expect((await failureCount('mixlock')).failed).toBe(0);
    for (let i = 1; i <= 4; i++) expect(await sshAttempt('mixlock', `wrong-pass${i}`)).toBe(false);
    expect(await sshAttempt('mixlock', 'right-pass1')).toBe(true); // four in a row do not lock
    await logins.closeAll();
    // Lock over Telnet; then SSH refuses the right password too.
    const again = newTelnet();
    for (let i = 1; i <= 3; i++) expect(await telnetAttempt(again, 'mixlock', `wrong-pass${i}`)).toBe(false);
    const more = newTelnet();
    for (let i = 4; i <= 5; i++) expect(await telnetAttempt(more, 'mixlock', `wrong-pass${i}`)).toBe(false);
    expect(await sshAttempt('mixlock', 'right-pass1')).toBe(false);
    await execOk(daemon, 'USER UNLOCK mixlock');
    expect(await sshAttempt('mixlock', 'right-pass1')).toBe(true);
  });

  it('SERVER SECURITY LOCKOUT=0 turns it off; the control socket answers for a locked Admin', async () => {
    await execOk(daemon, 'SERVER SECURITY LOCKOUT=0');
    try {
      for (let i = 1; i <= 6; i++) expect(await sshAttempt('nolock', `wrong-pass${i}`)).toBe(false);
      expect(await sshAttempt('nolock', 'right-pass1')).toBe(true);
    } finally {
      await execOk(daemon, 'SERVER SECURITY LOCKOUT=1');
    }
    for (let i = 1; i <= 5; i++) expect(await sshAttempt('Admin', `wrong-pass${i}`)).toBe(false);
    expect(await sshAttempt('Admin', ADMIN_PASSWORD)).toBe(false);
    // Locked out of the network, the appliance's console (the control socket) still obeys.
    expect((await failureCount('Admin')).status).toBe('locked 60 min');
    await execOk(daemon, 'USER UNLOCK Admin');
    expect(await sshAttempt('Admin', ADMIN_PASSWORD)).toBe(true);
  });
});
