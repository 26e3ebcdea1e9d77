/**
 * Issue 12, item 11: SPC <n> STATUS|ON|OFF|CYCLE over REAL clients (OpenSSH, telnet) against the
 * daemon, driving (a) the in-process simulated power strip and (b) a separate simulator process
 * (scripts/power-strip-sim.mjs) on the far end of a socat pty, so the SPC client's bytes cross a
 * real tty. Then the refusals (ERR 41-43, ERR 04, a silent strip: ERR 42), the audit, and the
 * `power` event in the session history of the port the operator was attached to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO, type DaemonProcess } from '../support/daemon.js';
import { openReadOnly } from '../support/db-probe.js';
import { WAYS } from '../support/login.js';
import { registerProcess } from '../support/run-registry.js';
import { ADMIN_RIGHTS, Logins, closeDaemonAndPtys, errorBlock, execOk, startDaemonOnPtys } from './admin-fixture.js';

/** The in-process simulated strip (4 outlets, 300 ms cycles). */
const STRIP = 8;
/** A socat pty whose far end is scripts/power-strip-sim.mjs (6 outlets). */
const PTY_STRIP = 9;
/** A socat pty with nothing on its far end: a strip that never answers. */
const SILENT = 10;

let daemon: DaemonProcess;
let ptyDir: string;
let simulator: ChildProcess | undefined;
const logins = new Logins(() => daemon);

async function startSimulator(peerPath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(REPO, 'scripts', 'power-strip-sim.mjs'), peerPath, '--outlets', '6', '--cycle-ms', '300'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  registerProcess(child.pid, `power-strip-sim ${peerPath}`);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { out += c.toString(); });
  await vi.waitFor(() => { expect(out).toContain('ready'); }, { timeout: 10_000, interval: 20 });
  return child;
}

beforeAll(async () => {
  ({ daemon, ptyDir } = await startDaemonOnPtys('ccmd-spc-', ['strip9', 'strip10'], async ([stripPty, silentPty]) => {
    simulator = await startSimulator(stripPty!.peerPath);
    return { config: { ports: {
      [String(STRIP)]: { powerStrip: { outlets: 4, cycleSeconds: 0.3 }, td: 'SPC' },
      [String(PTY_STRIP)]: { device: stripPty!.devicePath, td: 'SPC' },
      [String(SILENT)]: { device: silentPty!.devicePath, td: 'SPC' },
    } } };
  }, [
    { name: 'adm1', password: 'adm1-pass1', access: ADMIN_RIGHTS },
    { name: 'porter', password: 'porter-pass1', access: `P3,P${STRIP}` },
    { name: 'plain', password: 'plain-pass1', access: 'P1-2' },
  ]));
});
afterEach(() => logins.closeAll());
afterAll(async () => {
  simulator?.kill('SIGTERM');
  await closeDaemonAndPtys(logins, daemon, ptyDir);
});

const table = (rows: [number, string][]): string =>
  ['Outlet  State', ...rows.map(([n, s]) => `${String(n).padEnd(6)}  ${s}`)].join('\r\n') + '\r\n';

describe.each(WAYS)('SPC over %s', (way) => {
  it('the in-process strip: STATUS, OFF, ON, and CYCLE back to ON after its cycle time', async () => {
    const admin = await logins.login(way, 'adm1', 'adm1-pass1');
    admin.send(`SPC ${STRIP} STATUS\r`);
    await admin.expect(table([[1, 'ON'], [2, 'ON'], [3, 'ON'], [4, 'ON']]));
    admin.send(`spc ${STRIP} off 2\r`);
    await admin.expect(table([[2, 'OFF']]));
    admin.send(`SPC ${STRIP} STA 2\r`);
    await admin.expect(table([[2, 'OFF']]));
    admin.send(`SPC ${STRIP} ON 2\r`);
    await admin.expect(table([[2, 'ON']]));
    admin.send(`SPC ${STRIP} CYCLE 3\r`);
    await admin.expect(table([[3, 'CYCLING']]));
    await vi.waitFor(async () => {
      expect(await execOk(daemon, `SPC ${STRIP} STATUS 3`)).toContain('3       ON');
    }, { timeout: 5000, interval: 100 });
  });

  it('a separate strip process behind a socat pty: the SPC client\'s bytes cross a real tty', async () => {
    const admin = await logins.login(way, 'adm1', 'adm1-pass1');
    admin.send(`SPC ${PTY_STRIP} OFF 5\r`);
    await admin.expect(table([[5, 'OFF']]));
    admin.send(`SPC ${PTY_STRIP} STATUS\r`);
    await admin.expect(table([[1, 'ON'], [2, 'ON'], [3, 'ON'], [4, 'ON'], [5, 'OFF'], [6, 'ON']]));
    admin.send(`SPC ${PTY_STRIP} ON 7\r`);
    await admin.expect(errorBlock(`SPC ${PTY_STRIP} ON 7`, '7', 'ERR 43 - No such outlet: bad outlet 7: 1-6'));
    admin.send(`SPC ${PTY_STRIP} ON 5\r`);
    await admin.expect(table([[5, 'ON']]));
    // The exchange went through the port like any traffic: counted, and in its history.
    expect(await execOk(daemon, `SHOW PORT ${PTY_STRIP}`)).toMatch(/^TX bytes:\s+[1-9]\d*$/m);
  });
});

describe('SPC refusals', () => {
  it('not TD=SPC (ERR 41), a silent strip (ERR 42), no right to the port (ERR 04); the port right is enough', async () => {
    const admin = await logins.login('telnet', 'adm1', 'adm1-pass1');
    admin.send('SPC 2 STATUS\r');
    await admin.expect(errorBlock('SPC 2 STATUS', '2', 'ERR 41 - Not a power strip port: port 2 is TD=CONSOLE (PORT 2 SET TD=SPC)'));
    admin.send(`SPC ${SILENT} STATUS\r`);
    await admin.expect(errorBlock(`SPC ${SILENT} STATUS`, String(SILENT), `ERR 42 - Power strip not answering: port ${SILENT}: no answer in 3 s`), 10_000);
    const plain = await logins.login('ssh', 'plain', 'plain-pass1');
    plain.send(`SPC ${STRIP} STATUS\r`);
    await plain.expect(`ERR 04 - Insufficient privileges: port ${STRIP} (SPC needs PCON or access to the port)`);
    const porter = await logins.login('ssh', 'porter', 'porter-pass1');
    porter.send(`SPC ${STRIP} STATUS 1\r`);
    await porter.expect(table([[1, 'ON']]));
  });

  it('the host command line: ccmd spc <port> <action> [outlet], --json gives the outlets; an ERR exits 1', async () => {
    const status = await daemon.cli(['spc', String(STRIP), 'status', '4', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual({ port: STRIP, outlets: [{ outlet: 4, state: 'ON' }] });
    const refused = await daemon.cli(['spc', '2', 'status']);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain('ERR 41 - Not a power strip port');
  });
});

describe('SPC audit and session history', () => {
  it('an operator on port 3 cycles its outlet: audited, and a power event in port 3\'s session history', async () => {
    const porter = await logins.login('telnet', 'porter', 'porter-pass1');
    porter.send('CONNECT 3\r');
    await porter.expect(/Connection complete: port 3\b/);
    porter.send('\x04');
    await porter.expect('> ');
    porter.send(`SPC ${STRIP} CYCLE 1\r`);
    await porter.expect(table([[1, 'CYCLING']]));
    const sessions = (await daemon.exec('SHOW SESSIONS', true)).data as { port: number; session: string | null }[];
    const session = sessions.find((row) => row.port === 3)?.session ?? '';
    expect(session).toMatch(/^S\d+$/);
    const history = await execOk(daemon, `SHOW SESSION ${session} HISTORY`);
    expect(history).toMatch(new RegExp(`power\\s+porter\\s+outlet ${STRIP}\\.1 CYCLE: CYCLING`));
    const db = openReadOnly(daemon.dataDir);
    try {
      const rows = db.prepare("SELECT user, action, detail FROM audit_log WHERE action = 'SPC' AND user = 'porter'").all();
      expect(rows).toEqual([{ user: 'porter', action: 'SPC', detail: `outlet ${STRIP}.1 CYCLE: CYCLING` }]);
    } finally {
      db.close();
    }
  });
});
