/**
 * Password guessing (SPEC §9): 1,000 wrong passwords over raw Telnet, 25 connections at a time,
 * three guesses per connection. The user is locked out (the right password is then refused on
 * Telnet and SSH), other users are not, the daemon's memory stays flat, and no password, right or
 * wrong, reaches the daemon's log.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshClient } from '../support/clients.js';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { inBatches, RawTelnet, rawTelnetLogin } from '../support/raw-telnet.js';
import { seededDataDir } from '../support/users.js';

const CAROL_PASSWORD = 'carol-right1';
const DAVE_PASSWORD = 'dave-right1';
const GUESSES = 1000;
const PER_CONNECTION = 3; // SPEC §9: the third failure closes a Telnet connection

let daemon: DaemonProcess;

function rssKiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1]);
}

function daemonAlive(): boolean {
  return daemon.child.exitCode === null && daemon.child.signalCode === null;
}

beforeAll(async () => {
  const dataDir = await seededDataDir([{ name: 'carol', password: CAROL_PASSWORD }, { name: 'dave', password: DAVE_PASSWORD }]);
  daemon = await startDaemon({ dataDir });
});

afterAll(async () => {
  await daemon?.stop();
});

describe('1,000 wrong passwords', () => {
  it('lock the user out, cost no memory to speak of, and leave no password in the log', async () => {
    const wrong = (i: number): string => `guess-${String(i).padStart(4, '0')}x`;
    const pid = daemon.ready.pid;
    const rssBefore = rssKiB(pid);
    const connections = Array.from({ length: Math.ceil(GUESSES / PER_CONNECTION) }, (_, c) => c);
    const incorrect = await inBatches(connections, 25, async (c) => {
      const client = await RawTelnet.open(daemon.ready.telnet);
      let refusals = 0;
      for (let k = 0; k < PER_CONNECTION && c * PER_CONNECTION + k < GUESSES; k++) {
        await client.expect('Username:', 10_000);
        client.send('carol\r\n');
        await client.expect('Password:', 10_000);
        client.send(`${wrong(c * PER_CONNECTION + k)}\r\n`);
        await client.expect('Login incorrect', 10_000);
        refusals++;
      }
      if (refusals === PER_CONNECTION) await client.expectClosed(5000);
      client.destroy();
      return refusals;
    });
    expect(incorrect.reduce((a, b) => a + b, 0)).toBe(GUESSES);
    expect(daemonAlive()).toBe(true);
    const grewKiB = rssKiB(pid) - rssBefore;
    console.log(`password guessing: RSS grew by ${grewKiB} KiB`);
    expect(grewKiB, `RSS grew by ${grewKiB} KiB`).toBeLessThan(50 * 1024);

    // Locked: even the right password is refused now, on Telnet and on SSH (SPEC §9)...
    const right = await rawTelnetLogin(daemon.ready.telnet, 'carol', CAROL_PASSWORD);
    await right.expectAny(['Login incorrect'], 10_000);
    right.destroy();
    const ssh = await sshClient({ port: daemon.ready.ssh, user: 'carol', password: CAROL_PASSWORD });
    await ssh.expect(/Permission denied/, 10_000);
    await ssh.waitExit(5000);
    // ...while another user is not affected, and the daemon answers at once.
    const dave = await rawTelnetLogin(daemon.ready.telnet, 'dave', DAVE_PASSWORD, { expect: '> ', timeoutMs: 5000 });
    dave.destroy();

    const log = daemon.log();
    expect(log.length).toBeGreaterThan(0);
    for (let i = 0; i < GUESSES; i++) expect(log.includes(wrong(i)), wrong(i)).toBe(false);
    expect(log.includes(CAROL_PASSWORD)).toBe(false);
    expect(log.includes(DAVE_PASSWORD)).toBe(false);
  }, 85_000);
});
