/**
 * Issue 12 item 11: SERVER REBOOT on the real daemon through real clients.
 * - Outside systemd the daemon re-executes itself: the Y/N question (N changes nothing), every
 *   connected user told `Appliance rebooting by Admin`, a new process (new pid in the ready file)
 *   on exactly the same ports, every listener included (the ephemeral ones of this harness, the
 *   per-port sockets, a socket moved with SOCKET=), the database kept, and new logins over SSH and
 *   Telnet work. The old process exits 0.
 * - Under systemd (NOTIFY_SOCKET set; socat plays systemd's socket) it says STOPPING=1 and exits
 *   with status 75, which deploy/ccmd.service restarts on; started again, the state is there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { REPO, startDaemon, takeDaemonProblems, type DaemonProcess, type ReadyFile } from '../support/daemon.js';
import { loginAs, type Way } from '../support/login.js';
import { makeTempDir, registerProcess } from '../support/run-registry.js';
import { seededDataDir } from '../support/users.js';
import { execOk, Logins } from './admin-fixture.js';

const logins = new Logins(() => current);
let current: DaemonProcess;
/** Processes a reboot started (not the harness's children): stopped in afterAll. */
const successors: number[] = [];

afterEach(() => logins.closeAll());
afterAll(async () => {
  await logins.closeAll();
  for (const pid of successors) await stopPid(pid);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopPid(pid: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 10_000, interval: 50 });
}

function readyFile(daemon: DaemonProcess): ReadyFile {
  return JSON.parse(readFileSync(join(daemon.dataDir, 'ccmd.ready.json'), 'utf8')) as ReadyFile;
}

/** Admin answers SERVER REBOOT's question with `key`; resolves with the admin's client. */
async function rebootAs(way: Way, key: 'Y' | 'N') {
  const admin = await logins.login(way, 'Admin', 'admin-secret1');
  admin.send('SERVER REBOOT\r');
  await admin.expect('Reboot the appliance? (Y/N)');
  admin.send('x');
  await admin.expect('Reboot the appliance? (Y/N)'); // any other key asks again (SPEC §9)
  admin.send(key);
  return admin;
}

describe('SERVER REBOOT outside systemd: the daemon re-executes itself', () => {
  it('N changes nothing; Y tells every user, comes back on the same ports with its state, and logins work', async () => {
    const dataDir = await seededDataDir([{ name: 'jdoe', password: 'jdoe-pw1', access: 'P1-4,SMON' }]);
    current = await startDaemon({ dataDir, profile: 'ccm850', portListeners: true });
    const first = current;
    await execOk(first, 'PORT 2 SET NAME=router2');
    // A socket moved live (issue 12 item 4) must come back where it was moved to.
    const moved = first.ready.portTelnet['3']! + 7;
    const socketReply = await first.exec(`PORT 3 SET SOCKET=${moved}`);
    // Another program may hold that number: then move it nowhere and check the rest.
    const movedOk = socketReply.status === 0;

    const cancelled = await rebootAs('ssh', 'N');
    await cancelled.expect(/Reboot cancelled\r?\n> /);
    expect(readyFile(first).pid).toBe(first.child.pid);

    const victim = await logins.login('telnet', 'jdoe', 'jdoe-pw1');
    victim.send('CONNECT 1\r');
    await victim.expect(/Connection complete: port 1 /);
    const admin = await rebootAs('telnet', 'Y');
    await victim.expect('[ccmd] Appliance rebooting by Admin', 10_000);
    await admin.expect('[ccmd] Appliance rebooting by Admin', 10_000);
    expect((await victim.waitExit(10_000)).code).not.toBeNull();

    // The new process writes the ready file with its pid; the old one then exits 0.
    const next = await vi.waitFor(() => {
      const ready = readyFile(first);
      expect(ready.pid).not.toBe(first.child.pid);
      return ready;
    }, { timeout: 30_000, interval: 100 });
    successors.push(next.pid);
    registerProcess(next.pid, 'ccmd serve after SERVER REBOOT');
    await vi.waitFor(() => expect(first.child.exitCode).toBe(0), { timeout: 15_000, interval: 50 });
    expect(takeDaemonProblems(first)).toEqual([expect.stringContaining('exited on its own (code 0')]);

    // Same ports, every listener: CLI, per-port Telnet (the moved one too) and per-port SSH.
    const { pid: _old, ...before } = first.ready;
    const { pid: _new, ...after } = next;
    const expected = movedOk ? { ...before, portTelnet: { ...before.portTelnet, 3: moved } } : before;
    expect(after).toEqual(expected);

    // New logins over both ways in reach the new process; the database came through.
    const viaSsh = await loginAs(current, 'ssh', 'jdoe', 'jdoe-pw1');
    logins.track(viaSsh);
    viaSsh.send('SHOW PORT 2\r');
    await viaSsh.expect(/Name:\s+router2\r?\n/);
    const viaTelnet = logins.track(await loginAs(current, 'telnet', 'Admin', 'admin-secret1'));
    viaTelnet.send('SHOW SERVER\r');
    await viaTelnet.expect(/Uptime:\s+0d 00:00:\d\d\r?\n/);
    // Straight to a port through its per-port socket, as before the reboot.
    const direct = logins.track(await loginAs(current, 'telnet', 'jdoe', 'jdoe-pw1', {
      tcpPort: next.portTelnet['1'], expect: /Connection complete: port 1 /,
    }));
    direct.send('\r');
    await direct.expect('device1$ ');
    // The control socket is the new process's too.
    expect((await current.exec('SHOW USER jdoe')).output).toMatch(/Last Login:/);
    // The audit kept who asked.
    expect(current.log()).toContain('"msg":"reboot requested"');
  });
});

describe('SERVER REBOOT under systemd: exit status 75 for Restart= to bring it back', () => {
  let socat: ChildProcess | undefined;
  afterAll(() => { socat?.kill(); });

  it('says STOPPING=1, tells the user, exits 75; started again the state is kept', async () => {
    const dir = makeTempDir('ccmd-reboot-notify-');
    const socket = join(dir, 'notify.sock');
    let received = '';
    socat = spawn('socat', ['-u', `UNIX-RECV:${socket}`, 'STDOUT'], { stdio: ['ignore', 'pipe', 'inherit'] });
    registerProcess(socat.pid, 'socat notify socket');
    socat.stdout?.on('data', (c: Buffer) => { received += `${c.toString()}\n`; });
    await vi.waitFor(() => expect(existsSync(socket)).toBe(true), { timeout: 5_000, interval: 20 });
    const dataDir = await seededDataDir([{ name: 'jdoe', password: 'jdoe-pw1' }]);
    current = await startDaemon({ dataDir, env: { NOTIFY_SOCKET: socket } });
    const first = current;
    await execOk(first, 'PORT 4 SET NAME=switch4');
    const victim = await logins.login('ssh', 'jdoe', 'jdoe-pw1');
    await rebootAs('ssh', 'Y');
    await victim.expect('[ccmd] Appliance rebooting by Admin', 10_000);
    // STOPPING=1 takes up to 5 s here: systemd-notify waits for a barrier socat never answers.
    await vi.waitFor(() => expect(first.child.exitCode).toBe(75), { timeout: 20_000, interval: 50 });
    expect(takeDaemonProblems(first)).toEqual([expect.stringContaining('exited on its own (code 75')]);
    expect(received).toContain('STOPPING=1');

    // What systemd does on status 75 (RestartForceExitStatus=75): start it again. (Without the
    // notify socket this time: systemd-notify waits 5 s for a barrier socat never answers.)
    current = await startDaemon({ dataDir });
    const again = await loginAs(current, 'telnet', 'jdoe', 'jdoe-pw1');
    logins.track(again);
    again.send('SHOW PORT 4\r');
    await again.expect(/Name:\s+switch4\r?\n/);
    await logins.closeAll();
    await current.stop();
  });

  it('deploy/ccmd.service restarts on that status and counts it as success', () => {
    const unit = readFileSync(join(REPO, 'deploy', 'ccmd.service'), 'utf8');
    expect(unit).toMatch(/^RestartForceExitStatus=75$/m);
    expect(unit).toMatch(/^SuccessExitStatus=75$/m);
  });
});
