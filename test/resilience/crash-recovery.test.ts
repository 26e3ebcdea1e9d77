/**
 * The daemon dying (kill -9) in the middle of configuration changes and port sessions, and
 * stopping (SIGTERM) with users connected. What an admin was told is done stays done after a
 * restart (db.ts: WAL with synchronous=FULL), the file stays sound, and a clean stop tells every
 * connected user before closing.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { InteractiveClient } from '../support/clients.js';
import { startDaemon, ADMIN_PASSWORD, type DaemonProcess } from '../support/daemon.js';
import { integrityProblems, openReadOnly, recordedConnections, type ReadOnlyDb } from '../support/db-probe.js';
import { loginAs } from '../support/login.js';
import { RawTelnet, rawTelnetLogin } from '../support/raw-telnet.js';

const daemons: DaemonProcess[] = [];
const clients: InteractiveClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  for (const d of daemons.reverse()) await d.stop();
});

function withDb<T>(dataDir: string, read: (db: ReadOnlyDb) => T): T {
  const db = openReadOnly(dataDir);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** What the burst sent and what the daemon acknowledged (exec status 0 / `Connection complete`). */
interface Burst {
  readonly usersAcked: string[];
  /** Per port: every name sent in order, and how many of them were acknowledged. */
  readonly portNames: Map<number, { sent: string[]; acked: number }>;
  readonly timeoutsSent: number[];
  timeoutsAcked: number;
  /** Per port (9-16): direct logins acknowledged with `Connection complete`. */
  readonly sessionsAcked: Map<number, number>;
}

/** An ERR reply: the daemon refused a change. Never expected here, killed or not. */
class ErrReply extends Error {}

/**
 * Runs `step(i)` for i = 0, 1, ... until it returns false. A request in flight when the daemon is
 * killed fails with a connection error: its outcome is unknown, which the checks allow. Any other
 * failure (an ERR reply, or any error before the kill) fails the test (issue 13: this used to be
 * a catch-all).
 */
async function loop(killed: () => boolean, step: (i: number) => Promise<boolean>): Promise<void> {
  try {
    for (let i = 0; await step(i); i++) { /* next */ }
  } catch (err) {
    if (err instanceof ErrReply || !killed()) throw err;
  }
}

async function execOk(daemon: DaemonProcess, line: string): Promise<void> {
  const reply = await daemon.exec(line);
  if (reply.status !== 0) throw new ErrReply(`${line}: ${reply.output}`);
}

function startBurst(daemon: DaemonProcess, stop: () => boolean): { burst: Burst; done: Promise<void> } {
  const burst: Burst = { usersAcked: [], portNames: new Map(), timeoutsSent: [], timeoutsAcked: 0, sessionsAcked: new Map() };
  const addUsers = loop(stop, async (i) => {
    if (stop() || i >= 60) return false;
    const name = `burst${i}`;
    await execOk(daemon, `USER ADD ${name} PASSWORD=pw-${name} ACCESS=P${(i % 16) + 1},SMON`);
    burst.usersAcked.push(name);
    return true;
  });
  const renamePorts = loop(stop, async (i) => {
    if (stop()) return false;
    const port = (i % 8) + 1;
    const entry = burst.portNames.get(port) ?? { sent: [], acked: 0 };
    burst.portNames.set(port, entry);
    const name = `crash${port}v${i}`;
    entry.sent.push(name);
    await execOk(daemon, `PORT ${port} SET NAME=${name}`);
    entry.acked = entry.sent.length;
    return true;
  });
  const shareTimeouts = loop(stop, async (i) => {
    if (stop()) return false;
    const seconds = 10 + i;
    burst.timeoutsSent.push(seconds);
    await execOk(daemon, `SERVER SHARE TIMEOUT=${seconds}`);
    burst.timeoutsAcked = burst.timeoutsSent.length;
    return true;
  });
  const sessions = [9, 10, 11, 12].map((port) => loop(stop, async () => {
    if (stop()) return false;
    const client = await rawTelnetLogin(daemon.ready.telnet, `Admin:${port}`, ADMIN_PASSWORD, { expect: '[ccmd] Connection complete' });
    burst.sessionsAcked.set(port, (burst.sessionsAcked.get(port) ?? 0) + 1);
    client.destroy();
    // The next login on this port must find it idle again, or it would be offered a choice.
    await waitUntilPortIdle(daemon, port);
    return true;
  }));
  return { burst, done: Promise.all([addUsers, renamePorts, shareTimeouts, ...sessions]).then(() => undefined) };
}

async function waitUntilPortIdle(daemon: DaemonProcess, port: number): Promise<void> {
  await vi.waitFor(async () => {
    const reply = await daemon.exec('SHOW SESSIONS', true);
    const row = (reply.data as { port: number; session: string | null }[]).find((r) => r.port === port);
    expect(row?.session, `port ${port} idle again`).toBeNull();
  }, { timeout: 5000, interval: 20 });
}

describe('kill -9 during a burst of configuration changes', () => {
  it('loses no acknowledged change, and the database passes integrity_check', async () => {
    const first = await startDaemon();
    daemons.push(first);
    let killed = false;
    const { burst, done } = startBurst(first, () => killed);
    // Kill once every kind of change has been acknowledged a few times (every renamed port at
    // least once, so each durability check below has something to check), mid-flight.
    const enough = vi.waitFor(() => {
      expect(burst.usersAcked.length, 'users acknowledged').toBeGreaterThanOrEqual(8);
      expect(burst.timeoutsAcked, 'share time-outs acknowledged').toBeGreaterThanOrEqual(8);
      expect([...burst.sessionsAcked.values()].reduce((a, b) => a + b, 0), 'sessions acknowledged').toBeGreaterThanOrEqual(8);
      expect([1, 2, 3, 4, 5, 6, 7, 8].map((port) => burst.portNames.get(port)?.acked ?? 0).every((n) => n > 0),
        'every port renamed once').toBe(true);
    }, { timeout: 20_000, interval: 10 });
    // A loop that fails before the kill (an ERR reply) ends the wait at once with its error.
    await Promise.race([enough, done]);
    killed = true; // before the signal: requests failing from here on were cut off by it
    const signalled = await first.kill('SIGKILL');
    expect(signalled).toBeNull(); // died of the signal, no exit code
    await done;

    // The file as the dead daemon left it (WAL not checkpointed) is sound.
    expect(withDb(first.dataDir, integrityProblems)).toEqual([]);

    const second = await startDaemon({ dataDir: first.dataDir });
    daemons.push(second);
    withDb(second.dataDir, (db) => {
      const users = new Set((db.prepare('SELECT name FROM users').all() as { name: string }[]).map((r) => r.name));
      for (const name of burst.usersAcked) expect(users.has(name), `acknowledged USER ADD ${name}`).toBe(true);
      for (const [port, { sent, acked }] of burst.portNames) {
        const row = db.prepare('SELECT name FROM port_settings WHERE port = ?').get(port) as { name: string } | undefined;
        // The last acknowledged name, or one sent after it whose answer the kill swallowed.
        expect(acked, `port ${port} renamed before the kill`).toBeGreaterThan(0);
        expect(sent.slice(acked - 1), `port ${port} name`).toContain(row?.name);
      }
      const share = db.prepare("SELECT value FROM server_settings WHERE key = 'queryTimeoutSeconds'").get() as { value: string };
      expect(burst.portNames.size).toBe(8);
    expect(burst.timeoutsSent.slice(burst.timeoutsAcked - 1)).toContain(Number(JSON.parse(share.value)));
      const joined = recordedConnections(db);
      for (const [port, acked] of burst.sessionsAcked) {
        expect(joined.filter((c) => c.port === port && c.user === 'Admin').length, `sessions on port ${port}`).toBeGreaterThanOrEqual(acked);
      }
      // Sessions the dead daemon left open were closed by the restart, not left running.
      expect(db.prepare('SELECT count(*) AS n FROM sessions WHERE ended_at IS NULL').get()).toEqual({ n: 0 });
    });
    // The restarted daemon serves what was committed: an acknowledged user logs in...
    const last = burst.usersAcked[burst.usersAcked.length - 1] as string;
    const login = await rawTelnetLogin(second.ready.telnet, last, `pw-${last}`, { expect: '> ' });
    login.destroy();
    // ...and session ids carry on from the database, never repeating (SPEC §9).
    const before = withDb(second.dataDir, (db) => (db.prepare('SELECT max(number) AS n FROM sessions').get() as { n: number }).n);
    const fresh = await rawTelnetLogin(second.ready.telnet, 'Admin:13', ADMIN_PASSWORD, { expect: '[ccmd] Connection complete' });
    const reply = await second.exec('SHOW SESSIONS', true);
    const row = (reply.data as { port: number; session: string | null }[]).find((r) => r.port === 13);
    expect(Number(row?.session?.slice(1))).toBeGreaterThan(before);
    fresh.destroy();
  }, 80_000);
});

describe('SIGTERM', () => {
  it('tells every connected user the appliance is shutting down, closes them, and exits 0', async () => {
    const daemon = await startDaemon();
    daemons.push(daemon);
    const atPrompt = await loginAs(daemon, 'telnet', 'Admin', ADMIN_PASSWORD);
    const onPort = await loginAs(daemon, 'ssh', 'Admin:2', ADMIN_PASSWORD, { expect: '[ccmd] Connection complete: port 2' });
    clients.push(atPrompt, onPort);
    const midLogin = await RawTelnet.open(daemon.ready.telnet);
    await midLogin.expect('Username:');

    const code = await daemon.kill('SIGTERM');
    expect(code).toBe(0);
    for (const client of [atPrompt, onPort]) {
      await client.expect('[ccmd] Appliance shutting down', 5000);
      await client.waitExit(10_000);
    }
    await midLogin.expectClosed(5000);
    withDb(daemon.dataDir, (db) => {
      expect(integrityProblems(db)).toEqual([]);
      // The session on port 2 was ended by the stop, not left for the next start to clean up.
      expect(db.prepare('SELECT count(*) AS n FROM sessions WHERE ended_at IS NULL').get()).toEqual({ n: 0 });
    });
  }, 60_000);
});
