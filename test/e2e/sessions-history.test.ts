/**
 * SPEC §5 session history and SPEC §9 session ids, with real clients: a scripted share (the SO
 * approves a lower user's query), a preempt (a higher user chooses E) and an end
 * (`SESSION <id> END`), read back with `SHOW SESSION <id> HISTORY`, then again after the daemon
 * restarts: sessions keep their ids and histories, and new ids never repeat old ones.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { seededDataDir } from '../support/users.js';
import { CAST, Clients, holdPort, noticeLine } from './access-fixture.js';
import {
  execOk, historyJson, historyTriples, sessionInfoJson, showSessionsRow, waitForRow,
} from './sessions-fixture.js';

let daemon: DaemonProcess;
let dataDir: string;
const clients = new Clients(() => daemon);

beforeAll(async () => {
  dataDir = await seededDataDir(CAST, { server: { share: 'QUERY', queryTimeoutSeconds: 20 } });
  daemon = await startDaemon({ dataDir, profile: 'ccm850' });
});
afterEach(() => clients.closeAll());
afterAll(async () => {
  await clients.closeAll();
  await daemon?.stop();
});

/** What the scenario leaves behind for the restart test. */
const seen: { shared?: string; preempting?: string; shareHistory?: string[][]; endHistory?: string[][] } = {};

function sessionNumberOf(id: string): number {
  const m = /^S([1-9][0-9]*)$/.exec(id);
  if (m === null) throw new Error(`not a session id: ${id}`);
  return Number(m[1]);
}

describe('session history', () => {
  it('records share requested/approved/joined, a preempt by E and an end, in order', async () => {
    const port = 1;
    const so = await holdPort(clients, 'ssh', 'adm1', port);
    const shared = (await showSessionsRow(daemon, port))[3]!;

    // Share: a lower user asks, the SO approves.
    const ru = await clients.login('telnet', 'usr1');
    ru.send(`CONNECT ${port}\r`);
    await so.expect(noticeLine(`usr1 (USER) asks to share port ${port}. Allow? (Y/N)`));
    so.send('Y');
    await ru.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), shared with 1`));

    // Preempt: the appliance admin outranks both and chooses E.
    const admin = await clients.login('ssh', 'Admin');
    admin.send(`CONNECT ${port}\r`);
    await admin.expect(noticeLine(`Port ${port} in use by adm1 (ADMIN). E)xclusive, N)on-exclusive, S)hare, D)on't connect?`));
    admin.send('E');
    await admin.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), exclusive`));
    await so.expect(noticeLine(`Preempted from port ${port} by Admin (APPLIANCEADMIN)`));
    await ru.expect(noticeLine(`Preempted from port ${port} by Admin (APPLIANCEADMIN)`));
    const preempting = (await showSessionsRow(daemon, port))[3]!;
    expect(sessionNumberOf(preempting)).toBeGreaterThan(sessionNumberOf(shared));

    // End: the admin leaves the device for the CLI and ends the session it started.
    admin.send('\x04');
    await admin.expect('> ');
    admin.send(`SESSION ${preempting} END\r`);
    await admin.expect(`Session ${preempting} on port ${port} ended`);
    await waitForRow(daemon, port, (row) => row[2] === 'Inactive');

    const shareHistory = await historyTriples(daemon, shared);
    expect(shareHistory).toEqual([
      ['created', 'adm1'],
      ['share-requested', 'usr1'],
      ['approved', 'adm1', 'usr1'],
      ['joined', 'usr1'],
      ['preempted', 'Admin', 'adm1,usr1'],
    ]);
    const endHistory = await historyTriples(daemon, preempting);
    expect(endHistory).toEqual([['created', 'Admin'], ['ended-by', 'Admin', 'ended by Admin']]);

    // The host command line's --json gives the same events.
    const events = await historyJson(daemon, shared);
    expect(events.map((e) => e.event)).toEqual(shareHistory.map((t) => t[0]));
    expect(await sessionInfoJson(daemon, shared)).toMatchObject({ status: 'Ended', howEnded: 'preempted by Admin' });
    expect(await sessionInfoJson(daemon, preempting)).toMatchObject({
      status: 'Ended', howEnded: 'ended by Admin', initiator: 'Admin', exclusive: true });
    Object.assign(seen, { shared, preempting, shareHistory, endHistory });
  });

  it('keeps ids and histories across a restart, ends a session left running, and never reuses an id', async () => {
    expect(seen.shared).toBeDefined();
    // A session still running when the daemon stops.
    await holdPort(clients, 'telnet', 'adm2', 2);
    const running = (await showSessionsRow(daemon, 2))[3]!;
    await daemon.stop();
    await clients.closeAll();
    daemon = await startDaemon({ dataDir, profile: 'ccm850' });

    expect(await historyTriples(daemon, seen.shared!)).toEqual(seen.shareHistory);
    expect(await historyTriples(daemon, seen.preempting!)).toEqual(seen.endHistory);
    expect(await sessionInfoJson(daemon, seen.shared!)).toMatchObject({ id: seen.shared, port: 1, initiator: 'adm1', status: 'Ended' });
    const stale = await sessionInfoJson(daemon, running);
    expect(stale).toMatchObject({ id: running, port: 2, initiator: 'adm2', status: 'Ended' });
    expect(stale.endedAt).not.toBeNull();
    expect((await historyTriples(daemon, running))[0]).toEqual(['created', 'adm2']);
    expect((await showSessionsRow(daemon, 2)).slice(2, 4)).toEqual(['Inactive', '-']);

    // New sessions continue the numbering.
    await holdPort(clients, 'ssh', 'usr3', 1);
    const fresh = (await showSessionsRow(daemon, 1))[3]!;
    const highest = Math.max(...[seen.shared!, seen.preempting!, running].map(sessionNumberOf));
    expect(sessionNumberOf(fresh)).toBeGreaterThan(highest);
    expect(await execOk(daemon, `SHOW SESSION ${fresh}`)).toContain('Initiated by:  usr3\n');
  });
});
