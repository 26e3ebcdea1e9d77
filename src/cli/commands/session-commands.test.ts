import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionTestApp, type TestContext } from '../../../test/support/session-test-app.js';
import type { SessionsRow } from './show-sessions.js';

let t: SessionTestApp;
beforeEach(() => { t = new SessionTestApp(); });
afterEach(() => { t.close(); });

/** Table lines split into cells (columns are two or more spaces apart). */
function cellsOf(line: string): string[] {
  return line.trim().split(/ {2,}/);
}

async function show(ctx: TestContext, line = 'SHOW SESSIONS'): Promise<string[][]> {
  ctx.out.length = 0;
  const result = await t.run(ctx, line);
  expect(result).toEqual({ ok: true });
  return ctx.out.map(cellsOf);
}

function rowFor(table: string[][], port: number): string[] {
  const row = table.find((cells) => cells[0] === String(port));
  if (row === undefined) throw new Error(`no row for port ${port}`);
  return row;
}

const admin = (): TestContext => t.context('Admin', 'APPLIANCEADMIN');

describe('SHOW SESSIONS', () => {
  it('prints the SPEC §9 columns and one Inactive row per port with - for the session fields', async () => {
    const table = await show(admin());
    expect(table[0]).toEqual(['Port', 'Name', 'Status', 'Session', 'Initiator', 'Users', 'Duration', 'Access']);
    expect(table.slice(1)).toEqual([1, 2, 3, 4].map((p) => [String(p), `3A-0F-C2-P${p}`, 'Inactive', '-', '-', '-', '-', '-']));
  });

  it('shows an Active port with its session, initiator, users and modes, duration and access', async () => {
    t.connect('alice', 'USER', 1);
    t.connect('mon', 'USER', 1, { mode: 'listen' });
    t.advance(3_725_000);
    expect(rowFor(await show(admin()), 1))
      .toEqual(['1', '3A-0F-C2-P1', 'Active', 'S1', 'alice', 'alice(rw),mon(listen)', '01:02:05', 'PUBLIC']);
  });

  it('marks a shared joiner as shared and an exclusive holder with EXCL', async () => {
    t.dispatch({ type: 'setShareMode', port: null, share: 'AUTO' });
    t.connect('alice', 'USER', 1);
    const bob = t.connect('bob', 'USER', 1);
    t.dispatch({ type: 'choose', connectionId: bob, choice: 'S' });
    t.connect('carol', 'ADMIN', 2, { exclusive: true });
    const table = await show(admin());
    expect(rowFor(table, 1)[5]).toBe('alice(rw),bob(shared)');
    expect(rowFor(table, 2).slice(5)).toEqual(['carol(exclusive)', '00:00:00', 'PUBLIC,EXCL']);
  });

  it('shows Pending with the seconds left before the request times out', async () => {
    t.connect('alice', 'USER', 1);
    const bob = t.connect('bob', 'USER', 1);
    t.advance(10_000);
    expect(rowFor(await show(admin()), 1)[2]).toBe('Pending(20s)');
    t.dispatch({ type: 'choose', connectionId: bob, choice: 'S' });
    t.advance(4_500);
    // S on QUERY asks the SO with a fresh deadline: 30 s from the key, 25.5 s left, shown rounded up.
    expect(rowFor(await show(admin()), 1)[2]).toBe('Pending(26s)');
    t.dispatch({ type: 'answer', connectionId: 1, allow: true });
    expect(rowFor(await show(admin()), 1).slice(2, 6)).toEqual(['Active', 'S1', 'alice', 'alice(rw),bob(shared)']);
  });

  it('shows Pending with the time to the next reopen while the device is lost', async () => {
    t.setDevice(2, { state: 'lost', nextRetryAt: t.clock + 5_000 });
    expect(rowFor(await show(admin()), 2).slice(2, 4)).toEqual(['Pending(5s)', '-']);
  });

  it('shows the port name from the settings', async () => {
    t.store.ports.save({ ...t.app.portSettings(3), name: 'router1' });
    expect(rowFor(await show(admin()), 3)[1]).toBe('router1');
  });

  it('BUSY lists only ports with a session or pending', async () => {
    t.connect('alice', 'USER', 3);
    t.setDevice(4, { state: 'reopening', nextRetryAt: t.clock + 1_000 });
    const table = await show(admin(), 'sho ses busy');
    expect(table.slice(1).map((r) => r[0])).toEqual(['3', '4']);
  });

  it('gives the same rows as objects for --json', async () => {
    t.connect('alice', 'USER', 1);
    t.advance(61_000);
    const ctx = admin();
    await show(ctx);
    const rows = ctx.json[0] as SessionsRow[];
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      port: 1, name: '3A-0F-C2-P1', status: 'Active', pendingFor: null, remainingSeconds: null, session: 'S1',
      initiator: 'alice', users: [{ user: 'alice', mode: 'rw' }], durationSeconds: 61, access: 'PUBLIC', exclusive: false,
    });
    expect(rows[1]).toMatchObject({ port: 2, status: 'Inactive', session: null, users: [], durationSeconds: null });
  });

  it('shows a user without SMON only the ports they may access', async () => {
    await t.addUser('Admin', 'PALL,USER,SMON');
    await t.addUser('dave', 'P2-3');
    const table = await show(t.context('dave', 'USER', []));
    expect(table.slice(1).map((r) => r[0])).toEqual(['2', '3']);
    t.connect('alice', 'USER', 1);
    const hidden = await t.run(t.context('dave', 'USER', []), 'SHOW SESSION S1');
    expect(!hidden.ok && hidden.error.code).toBe(8);
  });
});

describe('SHOW SESSION <id>', () => {
  it('shows the SPEC §5 information of a running session with each connection', async () => {
    t.store.ports.save({ ...t.app.portSettings(2), name: 'router1' });
    t.connect('alice', 'USER', 2, { client: { method: 'telnet', host: 'ws1.lab', address: '192.0.2.7', listener: 'telnet-port-2' } });
    t.advance(90_000);
    t.connect('mon', 'ADMIN', 2, { mode: 'listen' });
    const ctx = admin();
    expect(await t.run(ctx, 'show session s1')).toEqual({ ok: true });
    expect(ctx.out.slice(0, 8)).toEqual([
      'Session:       S1',
      'Port:          2 (router1)',
      'Status:        Active',
      'Initiated by:  alice',
      'Date created:  2026-11-22T13:05:00Z',
      'Duration:      00:01:30',
      'Access:        PUBLIC',
      'Connections:',
    ]);
    expect(cellsOf(ctx.out[9]!)).toEqual(['alice', 'telnet', 'ws1.lab', '192.0.2.7', 'telnet-port-2', 'rw', '2026-11-22T13:05:00Z', '-']);
    expect(cellsOf(ctx.out[10]!)).toEqual(['mon', 'ssh', 'mon-pc.example', '10.0.0.9', 'ssh-cli', 'listen', '2026-11-22T13:06:30Z', '-']);
    expect(ctx.json[0]).toMatchObject({ id: 'S1', port: 2, status: 'Active', initiator: 'alice', access: 'PUBLIC', exclusive: false });
  });

  it('shows an ended session from the database, with when and how it ended', async () => {
    const alice = t.connect('alice', 'USER', 1, { exclusive: true });
    t.advance(5_000);
    t.dispatch({ type: 'leave', connectionId: alice });
    t.advance(3_600_000);
    const ctx = admin();
    await t.run(ctx, 'SHOW SESSION S1');
    expect(ctx.out).toContain('Status:        Ended (last connection left)');
    expect(ctx.out).toContain('Date ended:    2026-11-22T13:05:05Z');
    expect(ctx.out).toContain('Duration:      00:00:05');
    expect(ctx.out).toContain('Access:        PUBLIC,EXCL');
    expect(cellsOf(ctx.out.at(-1)!).slice(5)).toEqual(['rw,exclusive', '2026-11-22T13:05:00Z', '2026-11-22T13:05:05Z']);
  });

  it('shows a running session as Pending with the seconds left while a request waits', async () => {
    t.connect('alice', 'USER', 1);
    t.connect('bob', 'USER', 1);
    t.advance(12_000);
    const ctx = admin();
    await t.run(ctx, 'SHOW SESSION S1');
    expect(ctx.out[2]).toBe('Status:        Pending(18s)');
    expect(ctx.json[0]).toMatchObject({ status: 'Pending', remainingSeconds: 18, endedAt: null });
  });

  it('answers an unknown id with ERR 08 underlined', async () => {
    const result = await t.run(admin(), 'SHOW SESSION S42');
    expect(result).toEqual({ ok: false, error: expect.anything(), lines: [
      'SHOW SESSION S42', '             ---', 'ERR 08 - No such session',
    ] });
    expect((await t.run(admin(), 'SHOW SESSION banana')).ok).toBe(false);
  });

  it('lists the history in order after share, preempt and end, long after the session ended', async () => {
    const alice = t.connect('alice', 'USER', 3);
    t.advance(1_000);
    const bob = t.connect('bob', 'USER', 3);
    t.dispatch({ type: 'choose', connectionId: bob, choice: 'S' });
    t.advance(1_000);
    t.dispatch({ type: 'answer', connectionId: alice, allow: true });
    t.advance(1_000);
    const carol = t.connect('carol', 'ADMIN', 3);
    t.dispatch({ type: 'choose', connectionId: carol, choice: 'N' });
    t.advance(1_000);
    expect(await t.run(admin(), 'SESSION S2 END')).toEqual({ ok: true });
    t.advance(86_400_000);

    const first = admin();
    await t.run(first, 'SHOW SESSION S1 HISTORY');
    const events = (first.json[0] as { events: { event: string; user: string }[] }).events;
    expect(events.map((e) => `${e.event} ${e.user}`)).toEqual([
      'created alice', 'share-requested bob', 'approved alice', 'joined bob', 'preempted carol',
    ]);
    expect(first.out[0]).toBe('Session S1 history (port 3):');
    expect(cellsOf(first.out[1]!)).toEqual(['Time', 'Event', 'User', 'Detail']);
    expect(cellsOf(first.out[2]!)).toEqual(['2026-11-22T13:05:00Z', 'created', 'alice']);

    const second = admin();
    await t.run(second, 'SHOW SESSION S2 HISTORY');
    const later = (second.json[0] as { events: { event: string; user: string; detail: string | null }[] }).events;
    expect(later.map((e) => `${e.event} ${e.user}`)).toEqual(['created carol', 'ended-by Admin']);
    expect(later[1]!.detail).toBe('ended by Admin');
  });
});

describe('SESSION <id> END', () => {
  it('refuses a plain user who is not the initiator', async () => {
    t.connect('alice', 'USER', 1);
    const result = await t.run(t.context('dave', 'USER'), 'SESSION S1 END');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe(4);
    expect(t.broker.ports[0]!.session?.id).toBe('S1');
    expect(t.audits).toEqual([]);
  });

  it('lets the initiator end it: everyone is told and dropped, the end is stored and audited', async () => {
    const alice = t.connect('alice', 'USER', 1);
    t.dispatch({ type: 'setShareMode', port: null, share: 'AUTO' });
    const bob = t.connect('bob', 'USER', 1);
    t.dispatch({ type: 'choose', connectionId: bob, choice: 'S' });
    const ctx = t.context('alice', 'USER');
    expect(await t.run(ctx, 'ses s1 end')).toEqual({ ok: true });
    for (const id of [alice, bob]) {
      const p = t.logins.get(id)!;
      expect(p.notices).toContainEqual({ kind: 'sessionEnded', user: 'alice' });
      expect(p.detachReason).toBe('session-ended');
    }
    expect(t.broker.ports[0]!.connections).toEqual([]);
    expect(t.store.sessions.get('S1')).toMatchObject({ howEnded: 'ended by alice', endedAt: t.clock });
    expect(t.audits).toEqual([{ user: 'alice', action: 'SESSION END', detail: 'S1 port 1' }]);
    const again = await t.run(ctx, 'SESSION S1 END');
    expect(!again.ok && again.lines.at(-1)).toBe('ERR 20 - Session has ended: S1');
  });

  it('lets an ADMIN end anybody\'s session', async () => {
    t.connect('alice', 'USER', 2);
    expect(await t.run(t.context('boss', 'ADMIN'), 'SESSION S1 END')).toEqual({ ok: true });
    expect(t.broker.ports[1]!.session).toBeNull();
  });
});

describe('SESSION <id> SET ACCESS=', () => {
  it('lets the initiator make the session PRIVATE, in the broker and the database', async () => {
    t.connect('alice', 'USER', 1);
    expect(await t.run(t.context('alice', 'USER'), 'SESSION S1 SET ACCESS=PRIVATE')).toEqual({ ok: true });
    expect(t.broker.ports[0]!.session?.access).toBe('PRIVATE');
    expect(t.store.sessions.get('S1')?.access).toBe('PRIVATE');
    expect(t.store.sessions.history('S1').at(-1)).toMatchObject({ event: 'access-changed', user: 'alice', detail: 'PRIVATE' });
    expect(t.audits).toEqual([{ user: 'alice', action: 'SESSION SET', detail: 'S1 ACCESS=PRIVATE' }]);
    const ctx = admin();
    await show(ctx);
    expect(rowFor(ctx.out.map(cellsOf), 1)[7]).toBe('PRIVATE');
  });

  it('lets an admin change it back to PUBLIC and refuses another plain user', async () => {
    t.connect('alice', 'USER', 1);
    await t.run(t.context('alice', 'USER'), 'SESSION S1 SET ACCESS=PRIVATE');
    const refused = await t.run(t.context('dave', 'USER'), 'SESSION S1 SET ACCESS=PUBLIC');
    expect(!refused.ok && refused.error.code).toBe(4);
    expect(await t.run(t.context('boss', 'ADMIN'), 'SESSION S1 SET ACC=pub')).toEqual({ ok: true });
    expect(t.store.sessions.get('S1')?.access).toBe('PUBLIC');
  });

  it('asks for ACCESS= and rejects other values', async () => {
    t.connect('alice', 'USER', 1);
    const missing = await t.run(admin(), 'SESSION S1 SET');
    expect(!missing.ok && missing.error.code).toBe(2);
    const bad = await t.run(admin(), 'SESSION S1 SET ACCESS=SECRET');
    expect(!bad.ok && bad.error.code).toBe(3);
  });
});
