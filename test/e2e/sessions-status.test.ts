/**
 * SPEC §5/§9 the sessions list and the session information view, read while real clients
 * (OpenSSH and telnet) move a port through Inactive → Active → Pending (a share query waits, with
 * the seconds left) → Active (shared) → Inactive (everyone left). Read both through the control
 * socket (`SHOW SESSIONS`, as `ccmd exec` does) and the host command line with `--json`.
 *
 * One scenario also captures a real sample of both views for the README, written to the file
 * named by CCMD_SESSIONS_SAMPLE when set (`CCMD_SESSIONS_SAMPLE=/tmp/sessions-sample.txt`).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { seededDataDir } from '../support/users.js';
import { CAST, Clients, holdPort, noticeLine } from './access-fixture.js';
import {
  execOk, findConnection, sessionInfoJson, sessionRow, sessionsJson, showSessionsRow, waitForRow,
} from './sessions-fixture.js';

let daemon: DaemonProcess;
const clients = new Clients(() => daemon);
/** The SO's answer deadline: long enough to read Pending(Ns) at leisure, never waited out. */
const QUERY_TIMEOUT_SECONDS = 20;
/** Where to write the README sample (e.g. /tmp/sessions-sample.txt); unset: checked, not written. */
const SAMPLE_FILE = process.env.CCMD_SESSIONS_SAMPLE;

beforeAll(async () => {
  const dataDir = await seededDataDir(CAST, { server: { share: 'QUERY', queryTimeoutSeconds: QUERY_TIMEOUT_SECONDS } });
  daemon = await startDaemon({ dataDir, profile: 'ccm850', portListeners: true });
});
afterEach(() => clients.closeAll());
afterAll(async () => {
  await clients.closeAll();
  await daemon?.stop();
});

describe('SHOW SESSIONS statuses', () => {
  it('moves Inactive → Active → Pending(Ns) → Active (shared) → Inactive, in text and --json', async () => {
    const port = 1;
    // Inactive: the device is open and nobody is on the port; the session fields are `-`; the
    // name is the port's default one (issue 12 item 10), as in SHOW PORT.
    expect(await showSessionsRow(daemon, port)).toEqual(['1', portLabel(1), 'Inactive', '-', '-', '-', '-', '-']);
    const idle = sessionRow(await sessionsJson(daemon), port);
    expect(idle).toMatchObject({ name: portLabel(1), status: 'Inactive', session: null, initiator: null, users: [], access: null });

    const so = await holdPort(clients, 'ssh', 'adm1', port);
    const active = await showSessionsRow(daemon, port);
    expect(active.slice(0, 3)).toEqual(['1', portLabel(1), 'Active']);
    const id = active[3]!;
    expect(id).toMatch(/^S[1-9][0-9]*$/);
    expect(active.slice(4, 6)).toEqual(['adm1', 'adm1(rw)']);
    expect(active[6]).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(active[7]).toBe('PUBLIC');

    // A lower user asks to share: the port is Pending with the seconds left of the SO's deadline.
    const ru = await clients.login('telnet', 'usr1');
    ru.send(`CONNECT ${port}\r`);
    await so.expect(noticeLine(`usr1 (USER) asks to share port ${port}. Allow? (Y/N)`));
    const pending = await showSessionsRow(daemon, port);
    expect(pending[2]).toMatch(/^Pending\((\d+)s\)$/);
    const shown = Number(/\((\d+)s\)/.exec(pending[2]!)![1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(QUERY_TIMEOUT_SECONDS);
    expect(pending[3]).toBe(id); // the request waits on the running session
    const pendingJson = sessionRow(await sessionsJson(daemon), port);
    expect(pendingJson).toMatchObject({ status: 'Pending', pendingFor: 'approval', session: id, initiator: 'adm1' });
    expect(pendingJson.remainingSeconds).toBeGreaterThan(0);
    expect(pendingJson.remainingSeconds).toBeLessThanOrEqual(QUERY_TIMEOUT_SECONDS);

    so.send('Y');
    await ru.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), shared with 1`));
    const shared = await showSessionsRow(daemon, port);
    expect(shared.slice(2, 6)).toEqual(['Active', id, 'adm1', 'adm1(rw),usr1(shared)']);
    expect(sessionRow(await sessionsJson(daemon), port)).toMatchObject({
      status: 'Active', session: id, users: [{ user: 'adm1', mode: 'rw' }, { user: 'usr1', mode: 'shared' }],
    });

    const info = await sessionInfoJson(daemon, id);
    expect(findConnection(info, 'adm1')).toMatchObject({ method: 'ssh', address: '127.0.0.1', listener: 'ssh-cli' });
    expect(findConnection(info, 'usr1')).toMatchObject({ method: 'telnet', address: '127.0.0.1', listener: 'telnet-cli' });

    await writeSample(id);

    // Both leave (one with ^D + DISCONNECT, one by logging off): the port is Inactive again.
    ru.send('\x04');
    await ru.expect('> ');
    ru.send('DISCONNECT\r');
    await ru.expect('> ');
    await so.close();
    const after = await waitForRow(daemon, port, (row) => row[2] === 'Inactive');
    expect(after).toEqual(['1', portLabel(1), 'Inactive', '-', '-', '-', '-', '-']);
    const ended = await sessionInfoJson(daemon, id);
    expect(ended).toMatchObject({ id, status: 'Ended', howEnded: expect.stringMatching(/\S/) });
  });
});

describe('SHOW SESSION <id> information', () => {
  it('holds each connection\'s method, address 127.0.0.1 and listener, the initiator, date created and access', async () => {
    const port = 2;
    const before = Math.floor(Date.now() / 1000) * 1000;
    // The SO logs in on the port's own Telnet socket; two lower users join through the SSH CLI
    // and the port's SSH socket, each approved by the SO.
    const so = await clients.login('telnet', 'adm2', {
      tcpPort: daemon.ready.portTelnet[String(port)], expect: noticeLine(`Connection complete: port ${port} (${portLabel(port)})`),
    });
    const viaCli = await clients.login('ssh', 'usr1');
    viaCli.send(`CONNECT ${port}\r`);
    await so.expect(noticeLine(`usr1 (USER) asks to share port ${port}. Allow? (Y/N)`));
    so.send('y');
    await viaCli.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), shared with 1`));
    const viaSocket = await clients.login('ssh', 'usr2', { tcpPort: daemon.ready.portSsh[String(port)],
      expect: noticeLine(`Waiting for adm2 to approve sharing of port ${port}`) });
    await so.expect(noticeLine(`usr2 (USER) asks to share port ${port}. Allow? (Y/N)`));
    so.send('y');
    await viaSocket.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), shared with 2`));

    const id = (await showSessionsRow(daemon, port))[3]!;
    const info = await sessionInfoJson(daemon, id);
    expect(info).toMatchObject({ id, port, status: 'Active', initiator: 'adm2', access: 'PUBLIC', exclusive: false, endedAt: null });
    expect(Date.parse(info.createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(info.createdAt)).toBeLessThanOrEqual(Date.now());
    const local = ['127.0.0.1', 'localhost'];
    for (const [user, method, listener, mode] of [
      ['adm2', 'telnet', `telnet-port-${port}`, 'rw'], ['usr1', 'ssh', 'ssh-cli', 'rw'], ['usr2', 'ssh', `ssh-port-${port}`, 'rw'],
    ] as const) {
      const c = findConnection(info, user);
      expect(c).toMatchObject({ method, address: '127.0.0.1', listener, mode, leftAt: null });
      expect(local).toContain(c.host);
    }

    // The text view shows the same facts.
    const text = await execOk(daemon, `SHOW SESSION ${id}`);
    expect(text).toContain(`Session:       ${id}\n`);
    expect(text).toContain(`Port:          ${port} (${portLabel(port)})\n`);
    expect(text).toContain('Status:        Active\n');
    expect(text).toContain('Initiated by:  adm2\n');
    expect(text).toContain(`Date created:  ${info.createdAt}\n`);
    expect(text).toContain('Access:        PUBLIC\n');
    expect(text).toMatch(new RegExp(`\\n  adm2 +telnet +\\S+ +127\\.0\\.0\\.1 +telnet-port-${port} +rw `));
    expect(text).toMatch(/\n {2}usr1 +ssh +\S+ +127\.0\.0\.1 +ssh-cli +rw /);
    expect(text).toMatch(new RegExp(`\\n  usr2 +ssh +\\S+ +127\\.0\\.0\\.1 +ssh-port-${port} +rw `));
    // The number alone finds it too, as a user reading the list types it.
    expect(await execOk(daemon, `SHOW SESSION ${id.slice(1)}`)).toContain(`Session:       ${id}\n`);
  });
});

/**
 * A real sample for the README: port 1 shared by two users, and port 3 Pending while a lower
 * user waits for its SO's answer. Checked here too, so the sample is what the test saw.
 */
async function writeSample(port1Session: string): Promise<void> {
  await holdPort(clients, 'telnet', 'adm2', 3);
  const waiting = await clients.login('ssh', 'usr2');
  waiting.send('CONNECT 3\r');
  await waiting.expect(noticeLine('Waiting for adm2 to approve sharing of port 3'));
  const list = await execOk(daemon, 'SHOW SESSIONS');
  const info = await execOk(daemon, `SHOW SESSION ${port1Session}`);
  expect(list).toMatch(/\n3 +CC-0D-00-P3 +Pending\(\d+s\) +S\d+ +adm2 +adm2\(rw\) /);
  expect(list).toMatch(new RegExp(`\\n1 +CC-0D-00-P1 +Active +${port1Session} +adm1 +adm1\\(rw\\),usr1\\(shared\\) `));
  if (SAMPLE_FILE !== undefined) writeFileSync(SAMPLE_FILE, `> SHOW SESSIONS\n${list.trimEnd()}\n\n> SHOW SESSION ${port1Session}\n${info.trimEnd()}\n`);
}
