/**
 * Issue 10 `Type=notify` and `WatchdogSec=` without systemd: socat plays the notify socket (a unix
 * datagram socket, as systemd's is) and the real daemon is started with NOTIFY_SOCKET and
 * WATCHDOG_USEC as systemd would set them. It must say READY=1 naming its own pid once it listens,
 * ping WATCHDOG=1 at half the interval, and say STOPPING=1 on SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO, startDaemon, type DaemonProcess } from '../support/daemon.js';
import { registerProcess } from '../support/run-registry.js';

let dir: string;
let socat: ChildProcess;
let received = '';
let daemon: DaemonProcess | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccmd-notify-'));
  const socket = join(dir, 'notify.sock');
  socat = spawn('socat', ['-u', `UNIX-RECV:${socket}`, 'STDOUT'], { stdio: ['ignore', 'pipe', 'inherit'] });
  registerProcess(socat.pid, 'socat notify socket');
  socat.stdout?.on('data', (c: Buffer) => { received += `${c.toString()}\n`; });
  await vi.waitFor(() => expect(existsSync(socket)).toBe(true), { timeout: 5_000, interval: 20 });
  daemon = await startDaemon({ env: { NOTIFY_SOCKET: socket, WATCHDOG_USEC: '1000000' } });
});
afterAll(async () => {
  await daemon?.stop();
  socat?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('systemd notify protocol', () => {
  it('READY=1 with our pid once listening, WATCHDOG=1 every half interval, STOPPING=1 on SIGTERM', async () => {
    const pid = daemon?.ready.pid;
    await vi.waitFor(() => {
      expect(received).toContain('READY=1');
      expect(received).toContain(`MAINPID=${pid}`);
    }, { timeout: 10_000, interval: 50 });
    await vi.waitFor(() => expect(received.split('WATCHDOG=1').length - 1).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 100 });
    expect(daemon?.log()).toContain('systemd watchdog pings on');
    await daemon?.stop();
    daemon = undefined;
    expect(received).toContain('STOPPING=1');
  });
});

describe('deploy/ccmd.service', () => {
  const unit = join(REPO, 'deploy', 'ccmd.service');

  it('passes systemd-analyze verify', () => {
    // verify exits non-zero on errors in the unit; warnings about other units on this host are not ours.
    const run = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`.split('\n').filter((l) => l.includes('ccmd.service'))).toEqual([]);
  });

  it('has the hardening and notify settings the README promises', () => {
    const text = readFileSync(unit, 'utf8');
    for (const line of ['Type=notify', 'NotifyAccess=all', 'WatchdogSec=30', 'DynamicUser=yes', 'SupplementaryGroups=dialout',
      'StateDirectory=ccmd', 'ProtectSystem=strict', 'NoNewPrivileges=yes', 'CapabilityBoundingSet=']) {
      expect(text.split('\n'), line).toContain(line);
    }
  });

  it('gives large malloc blocks back to the system, as npm start and the container image do (docs/operations.md)', () => {
    const setting = 'MALLOC_MMAP_THRESHOLD_=131072';
    expect(readFileSync(unit, 'utf8').split('\n')).toContain(`Environment=${setting}`);
    const start = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
    expect(start).toContain('MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-131072} node dist/main.js serve');
    expect(readFileSync(join(REPO, 'Dockerfile'), 'utf8')).toMatch(new RegExp(`^ENV ${setting} `, 'm'));
  });
});
