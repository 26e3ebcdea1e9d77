/**
 * Issue 10 bad input and faults on a real daemon's web listener:
 * - 1,000 API calls with wrong passwords (50 at a time): the user is locked out, the daemon's
 *   memory stays flat (and V8's young generation small), the HTTP admission gate answers the
 *   overflow with 429 at once, and an SSH login of another user is served while the storm runs;
 * - 200 HTTP connections that never send a request: closed after the request time-out, while
 *   SSH and Telnet logins still answer.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sshClient } from '../support/clients.js';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { rawTelnetLogin } from '../support/raw-telnet.js';
import { seededDataDir } from '../support/users.js';
import { basic } from '../e2e/api-fixture.js';

const CAROL_PASSWORD = 'carol-right1';
const DAVE_PASSWORD = 'dave-right1';
let daemon: DaemonProcess;

function rssKiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1]);
}

beforeAll(async () => {
  const dataDir = await seededDataDir([{ name: 'carol', password: CAROL_PASSWORD }, { name: 'dave', password: DAVE_PASSWORD }]);
  daemon = await startDaemon({ dataDir, web: true, config: { webRequestTimeoutSeconds: 2 } });
});
afterAll(async () => {
  await daemon?.stop();
});

describe('the web listener under abuse', () => {
  it('1,000 wrong API passwords: lockout, flat memory, 429 beyond the gate, SSH still served', async () => {
    const url = `http://127.0.0.1:${daemon.ready.web}/api/v1/users/carol`;
    let sent = 0;
    /** 1,000 calls with wrong passwords, 50 at a time; resolves with how many got each status. */
    const storm = async (): Promise<Map<number, number>> => {
      const statuses = new Map<number, number>();
      sent = 0;
      const caller = async (): Promise<void> => {
        while (sent < 1000) {
          const i = sent++;
          const res = await fetch(url, { headers: { authorization: basic('carol', `guess-${i}x`) } });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      };
      await Promise.all(Array.from({ length: 50 }, caller));
      return statuses;
    };
    const rssBefore = rssKiB(daemon.ready.pid);
    const firstStorm = storm();
    // While it runs: another user's SSH login completes.
    const started = Date.now();
    const dave = await sshClient({ port: daemon.ready.ssh, user: 'dave', password: DAVE_PASSWORD });
    await dave.expect('> ', 15_000);
    const sshMs = Date.now() - started;
    const sentWhenSshDone = sent;
    await dave.close();
    const statuses = await firstStorm;
    expect([...statuses.keys()].sort()).toEqual([401, 429]);
    expect((statuses.get(401) ?? 0) + (statuses.get(429) ?? 0)).toBe(1000);
    expect(sentWhenSshDone, 'the storm was still running when the SSH login finished').toBeLessThan(1000);
    console.log(`api storm: ${JSON.stringify(Object.fromEntries(statuses))}, SSH login ${sshMs} ms after ${sentWhenSshDone} calls`);
    // Memory: the first storm pays one-time costs (the scrypt worker and the 8 MiB block its
    // malloc arena keeps, compiled code, the old generation's growth: 39-47 MB measured); a
    // second storm of the same size must add next to nothing, or something is kept per attempt.
    const rssAfterFirst = rssKiB(daemon.ready.pid);
    expect(rssAfterFirst - rssBefore, `RSS grew by ${rssAfterFirst - rssBefore} KiB in the first storm`).toBeLessThan(64 * 1024);
    const secondStatuses = await storm();
    expect(secondStatuses.get(401) ?? 0, 'the locked user is refused, never let in').toBeGreaterThan(0);
    const secondGrewKiB = rssKiB(daemon.ready.pid) - rssAfterFirst;
    console.log(`api storm: RSS grew by ${rssAfterFirst - rssBefore} KiB, then by ${secondGrewKiB} KiB in a second storm`);
    expect(secondGrewKiB, `RSS grew by ${secondGrewKiB} KiB in the second storm`).toBeLessThan(12 * 1024);
    // The young generation stays small (heap-tuning.ts) although the storm started the scrypt
    // worker, whose start resets V8's flags: 2 MiB at start, 32 MiB when the setting is lost.
    const metrics = await (await fetch(`http://127.0.0.1:${daemon.ready.web}/metrics`)).text();
    const youngBytes = Number(/^nodejs_heap_space_size_total_bytes\{space="new"\} (\d+)$/m.exec(metrics)?.[1]);
    expect(youngBytes).toBeGreaterThan(0);
    expect(youngBytes, `young generation ${youngBytes} bytes`).toBeLessThanOrEqual(8 * 1024 * 1024);
    // Locked: the right password is refused over the API and over SSH.
    const right = await fetch(url, { headers: { authorization: basic('carol', CAROL_PASSWORD) } });
    expect(right.status).toBe(401);
    const ssh = await sshClient({ port: daemon.ready.ssh, user: 'carol', password: CAROL_PASSWORD });
    await ssh.expect(/Permission denied/, 10_000);
    await ssh.waitExit(5000);
    expect((await daemon.exec('SHOW USER carol', true)).data).toMatchObject({ user: { lockedUntil: expect.any(Number) } });
    expect(sshMs, `dave's SSH login took ${sshMs} ms during the storm`).toBeLessThan(15_000);
    expect(daemon.log()).not.toContain('guess-1x');
  }, 120_000);

  it('200 idle HTTP connections are closed after the request time-out; SSH and Telnet still answer', async () => {
    const sockets: Socket[] = [];
    let closed = 0;
    for (let i = 0; i < 200; i++) {
      const s = connect(daemon.ready.web, '127.0.0.1');
      s.on('error', () => undefined);
      s.once('close', () => { closed += 1; });
      sockets.push(s);
    }
    const telnet = await rawTelnetLogin(daemon.ready.telnet, 'dave', DAVE_PASSWORD, { expect: '> ', timeoutMs: 10_000 });
    telnet.destroy();
    const ssh = await sshClient({ port: daemon.ready.ssh, user: 'dave', password: DAVE_PASSWORD });
    await ssh.expect('> ', 10_000);
    await ssh.close();
    await vi.waitFor(() => expect(closed).toBe(200), { timeout: 15_000, interval: 100 });
    expect((await fetch(`http://127.0.0.1:${daemon.ready.web}/healthz`)).status).toBe(200);
  }, 60_000);
});
