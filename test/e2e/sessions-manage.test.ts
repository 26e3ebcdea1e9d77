/**
 * SPEC §4/§5/§7 managing a running session from the CLI of real clients: `SESSION <id> END`
 * (refused to a plain user, done for its initiator: everyone on the port is told
 * `Session ended by <user>` and dropped; CLI users return to `> `, direct logins are
 * disconnected), and `SESSION <id> SET ACCESS=PRIVATE` (a plain user is refused with
 * `Port <n> in use by <so>`, an administrator is still admitted).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InteractiveClient } from '../support/clients.js';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { seededDataDir } from '../support/users.js';
import { CAST, Clients, holdPort, noticeLine } from './access-fixture.js';
import { sessionInfoJson, sessionsJson, sessionRow, showSessionsRow, waitForRow } from './sessions-fixture.js';

let daemon: DaemonProcess;
const clients = new Clients(() => daemon);

beforeAll(async () => {
  const dataDir = await seededDataDir(CAST, { server: { share: 'QUERY', queryTimeoutSeconds: 20 } });
  daemon = await startDaemon({ dataDir, profile: 'ccm850' });
});
afterEach(() => clients.closeAll());
afterAll(async () => {
  await clients.closeAll();
  await daemon?.stop();
});

/** `who` (equal level) asks to share `port` held by `so` with S; `so` approves. */
async function shareApproved(so: InteractiveClient, soName: string, who: InteractiveClient, whoName: string,
  port: number, sharedWith: number, whoLevel = 'USER'): Promise<void> {
  await who.expect(noticeLine(`Port ${port} in use by ${soName} (USER). E)xclusive, N)on-exclusive, S)hare, D)on't connect?`));
  who.send('s');
  await so.expect(noticeLine(`${whoName} (${whoLevel}) asks to share port ${port}. Allow? (Y/N)`));
  so.send('y');
  await who.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), shared with ${sharedWith}`));
}

/** Runs a CLI line at a client sitting at `> ` and returns what it printed up to the next prompt. */
async function cliLine(client: InteractiveClient, line: string): Promise<string> {
  const mark = client.output.length;
  client.send(`${line}\r`);
  await client.expect(/\n> $/);
  return client.output.slice(mark);
}

/** The owner leaves the device for the CLI (^D) and waits for the prompt. */
async function toCli(client: InteractiveClient): Promise<void> {
  client.send('\x04');
  await client.expect('> ');
}

describe('SESSION <id> END', () => {
  it('is refused to a plain user and done for the owner: everyone told and dropped', async () => {
    const port = 1;
    const owner = await holdPort(clients, 'telnet', 'usr1', port);
    const id = (await showSessionsRow(daemon, port))[3]!;
    // A direct login (straight to the port) and a CLI user join, both approved by the owner.
    const direct = await clients.login('ssh', `usr2:${port}`, { expect: /D\)on't connect\?/ });
    direct.send('s');
    await owner.expect(noticeLine(`usr2 (USER) asks to share port ${port}. Allow? (Y/N)`));
    owner.send('y');
    await direct.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), shared with 1`));
    const viaCli = await clients.login('ssh', 'usr3');
    viaCli.send(`CONNECT ${port}\r`);
    await shareApproved(owner, 'usr1', viaCli, 'usr3', port, 2);
    const admin = await clients.login('telnet', 'adm1');
    admin.send(`CONNECT ${port}\r`);
    await shareApproved(owner, 'usr1', admin, 'adm1', port, 3, 'ADMIN');

    // A plain user who is not its initiator may not end it.
    const outsider = await clients.login('telnet', 'usr4');
    const refused = await cliLine(outsider, `SESSION ${id} END`);
    expect(refused).toMatch(/\n-+\r?\nERR 04 - Insufficient privileges/);
    expect((await showSessionsRow(daemon, port)).slice(2, 4)).toEqual(['Active', id]);

    // usr3 sits at the CLI (escaped with ^D, still on the port); adm1 stays on the device.
    await toCli(viaCli);
    await toCli(owner);
    owner.send(`SESSION ${id} END\r`);
    for (const victim of [owner, direct, viaCli, admin]) await victim.expect(noticeLine('Session ended by usr1'));
    // The owner's own command finishes with its answer, then one prompt.
    await owner.expect(`Session ${id} on port ${port} ended`);
    await owner.expect('> ');
    expect(owner.output).toMatch(new RegExp(`\\[ccmd\\] Session ended by usr1\\r?\\nSession ${id} on port ${port} ended\\r?\\n> $`));
    // CLI users are back at one prompt; the direct login is disconnected (SPEC §9).
    await viaCli.expect('> ');
    await admin.expect('> ');
    await direct.waitExit(5000);
    expect(direct.hasExited).toBe(true);
    for (const cliUser of [viaCli, admin]) {
      expect(cliUser.hasExited).toBe(false);
      expect(cliUser.output.slice(cliUser.output.lastIndexOf('Session ended by usr1'))).toBe('Session ended by usr1\r\n> ');
    }
    // Typing at the CLI no longer reaches the device: the CLI answers (a line goes to one or the
    // other, so the answer is the proof; no pause for "nothing else came"). Not a lone Enter:
    // one right after adm1's S key could be taken as confirming it, SPEC §9.
    admin.send('SHOW USER\r');
    await admin.expect(/User:\s+adm1[^]*> $/);
    expect(admin.output).not.toMatch(/Session ended by usr1[^]*device1\$/);

    expect((await showSessionsRow(daemon, port)).slice(2, 4)).toEqual(['Inactive', '-']);
    expect(await sessionInfoJson(daemon, id)).toMatchObject({ status: 'Ended', howEnded: 'ended by usr1' });
    expect(await cliLine(owner, `SESSION ${id} END`)).toMatch(/ERR 20 - Session has ended/);
  });
});

describe('SESSION <id> SET ACCESS=PRIVATE', () => {
  it('refuses a plain user with Port n in use and still admits an administrator', async () => {
    const port = 2;
    const owner = await holdPort(clients, 'ssh', 'usr1', port);
    const id = (await showSessionsRow(daemon, port))[3]!;
    const other = await clients.login('telnet', 'usr2');
    // Only the initiator or an administrator may change it.
    expect(await cliLine(other, `SESSION ${id} SET ACCESS=PRIVATE`)).toMatch(/ERR 04 - Insufficient privileges/);

    await toCli(owner);
    expect(await cliLine(owner, `SESSION ${id} SET ACCESS=PRIVATE`)).toContain(`Session ${id} access PRIVATE`);
    owner.send('RESUME\r');
    owner.send('\r');
    await owner.expect(`device${port}$ `);
    expect((await showSessionsRow(daemon, port))[7]).toBe('PRIVATE');
    expect(sessionRow(await sessionsJson(daemon), port).access).toBe('PRIVATE');

    // A plain user of the same level, who would otherwise be offered the choice, is refused.
    other.send(`CONNECT ${port}\r`);
    await other.expect(noticeLine(`Port ${port} in use by usr1`));
    await other.expect('> ');
    expect(other.output).not.toContain('E)xclusive');

    // An administrator is admitted: offered the choice, shares with the owner's approval.
    const admin = await clients.login('ssh', 'adm1');
    admin.send(`CONNECT ${port}\r`);
    await shareApproved(owner, 'usr1', admin, 'adm1', port, 1, 'ADMIN');
    const row = await waitForRow(daemon, port, (r) => r[5] === 'usr1(rw),adm1(shared)');
    expect(row[7]).toBe('PRIVATE');
    expect(await sessionInfoJson(daemon, id)).toMatchObject({ access: 'PRIVATE', initiator: 'usr1' });
  });
});
