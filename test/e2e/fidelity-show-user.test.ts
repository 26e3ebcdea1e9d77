/**
 * Issue 12 item 6 through real clients: SHOW USER ALL in the manual's columns, the single-user
 * form with Port Access, Locked, Last Login and one row per login (Port, Duration, Socket, From:
 * the socket is the TCP port the client really connected to, From its real address and port),
 * and SHOW USER without a name showing the rights the login began with, as the manual's example.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { seededDataDir } from '../support/users.js';
import { Logins, execOk } from './admin-fixture.js';

let daemon: DaemonProcess;
const logins = new Logins(() => daemon);

beforeAll(async () => {
  const dataDir = await seededDataDir([
    { name: 'jdoe', password: 'jdoe-pw1', access: 'P1-4,SMON' },
    { name: 'boss', password: 'boss-pw1', access: 'PALL,USER,SMON,PCON,BREAK' },
  ]);
  daemon = await startDaemon({ dataDir });
});
afterEach(() => logins.closeAll());
afterAll(async () => {
  await logins.closeAll();
  await daemon?.stop();
});

/** The connection rows SHOW USER printed: `Port Duration Socket From`. */
function connectionRows(output: string): string[][] {
  const lines = output.split(/\r?\n/);
  const header = lines.findLastIndex((l) => /^Port\s+Duration\s+Socket\s+From$/.test(l));
  if (header < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(header + 1)) {
    const cells = line.trim().split(/\s+/);
    if (cells.length !== 4) break;
    rows.push(cells);
  }
  return rows;
}

describe('SHOW USER layouts (issue 12 item 6)', () => {
  it('ALL: User Pass Key Lock Level Access as the manual, YES/NO flags, Source after them', async () => {
    const admin = await logins.login('ssh', 'Admin', 'admin-secret1');
    admin.send('SHOW USER ALL\r');
    await admin.expect(/User\s+Pass\s+Key\s+Lock\s+Level\s+Access\s+Source\r?\n/);
    await admin.expect(/Admin\s+YES\s+NO\s+NO\s+APPLIANCEADMIN\s+PALL,USER,SCON,SMON,PCON,BREAK\s+LOCAL\r?\n/);
    await admin.expect(/jdoe\s+YES\s+NO\s+NO\s+USER\s+P1-4,SMON\s+LOCAL\r?\n/);
    expect(admin.output).not.toContain('ERR');
  });

  it('one user: the manual fields, and a row per login with the real socket and client address', async () => {
    const overTelnet = await logins.login('telnet', 'jdoe', 'jdoe-pw1');
    overTelnet.send('CONNECT 3\r');
    await overTelnet.expect(/\[ccmd\] Connection complete: port 3 \(/);
    await logins.login('ssh', 'jdoe', 'jdoe-pw1');
    const admin = await logins.login('telnet', 'Admin', 'admin-secret1');
    const mark = admin.output.length;
    admin.send('SHOW USER jdoe\r');
    await admin.expect(/Port\s+Duration\s+Socket\s+From\r?\n(.*\r?\n){2}/);
    const output = admin.output.slice(mark);
    expect(output).toMatch(/User:\s+jdoe\r?\n/);
    expect(output).toMatch(/Level:\s+USER\r?\n/);
    expect(output).toMatch(/Access:\s+P1-4,SMON\r?\n/);
    expect(output).toMatch(/Port Access:\s+BY PORT\r?\n/);
    expect(output).toMatch(/Locked:\s+NO\r?\n/);
    expect(output).toMatch(/Last Login:\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(uptime 0d \d\d:\d\d:\d\d\)\r?\n/);
    const rows = connectionRows(output);
    expect(rows).toHaveLength(2);
    const [telnetRow, sshRow] = rows as [string[], string[]];
    expect(telnetRow.slice(0, 1)).toEqual(['3']);
    expect(telnetRow[1]).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(telnetRow[2]).toBe(String(daemon.ready.telnet));
    expect(telnetRow[3]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(sshRow[0]).toBe('CLI');
    expect(sshRow[2]).toBe(String(daemon.ready.ssh));
    expect(sshRow[3]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(telnetRow[3]).not.toBe(sshRow[3]);
  });

  it('SHOW USER with no name keeps the rights taken at login (the manual: Access=-PALL later)', async () => {
    const boss = await logins.login('ssh', 'boss', 'boss-pw1');
    await execOk(daemon, 'USER SET boss ACCESS=-PALL');
    const mark = boss.output.length;
    boss.send('SHOW USER\r');
    await boss.expect(/Failed logins:\s+\d+\r?\n/);
    expect(boss.output.slice(mark)).toMatch(/Access:\s+PALL,USER,SMON,PCON,BREAK\r?\n/);
    boss.send('SHOW USER boss\r');
    await boss.expect(/Access:\s+USER,SMON,PCON,BREAK\r?\n/);
    const json = await daemon.exec('SHOW USER boss', true);
    expect(json.data).toMatchObject({
      user: { name: 'boss', access: 'USER,SMON,PCON,BREAK', portAccess: 'BY PORT', connections: [{ method: 'ssh', port: null, socket: daemon.ready.ssh }] },
    });
  });
});
