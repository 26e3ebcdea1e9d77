/**
 * The session service as the web API calls it: the daemon's own Appliance on a fake clock and a
 * real SQLite store (test/support/session-test-app.ts). Visibility, initiator-or-admin and
 * "ended sessions cannot be changed" hold without the CLI in front.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionTestApp } from '../../test/support/session-test-app.js';

let t: SessionTestApp;
beforeEach(() => { t = new SessionTestApp(); });
afterEach(() => { t.close(); });

const admin = () => t.context('Admin', 'APPLIANCEADMIN');

describe('SessionService', () => {
  it('lists only the ports a user without SMON may access, and hides the sessions elsewhere', async () => {
    await t.addUser('Admin', 'PALL,USER,SMON');
    await t.addUser('dave', 'P2-3');
    const dave = t.context('dave', 'USER', []);
    t.connect('alice', 'USER', 1);
    expect(t.services.sessions.list(dave).map((r) => r.port)).toEqual([2, 3]);
    expect(t.services.sessions.info(dave, 'S1')).toMatchObject({ ok: false, error: { code: 8 }, field: 'id' });
    expect(t.services.sessions.list(admin(), { busy: true }).map((r) => r.session)).toEqual(['S1']);
  });

  it('only the initiator or an administrator ends a session; the broker drops everyone', () => {
    t.connect('alice', 'USER', 1);
    const bob = t.context('bob', 'USER');
    expect(t.services.sessions.end(bob, 's1')).toMatchObject({ ok: false, error: { code: 4, detail: 'only the initiator or an administrator' } });
    expect(t.broker.ports[0]?.connections).toHaveLength(1);
    expect(t.services.sessions.end(t.context('alice', 'USER'), 's1')).toEqual({ ok: true, id: 'S1', port: 1 });
    expect(t.broker.ports[0]?.connections).toEqual([]);
    expect(t.audits).toEqual([{ user: 'alice', action: 'SESSION END', detail: 'S1 port 1' }]);
  });

  it('a session id may be typed as S1, s1 or 1; anything else is no session', () => {
    t.connect('alice', 'USER', 1);
    for (const typed of ['S1', 's1', '1']) {
      expect(t.services.sessions.info(admin(), typed), typed).toMatchObject({ ok: true, session: { id: 'S1' } });
    }
    for (const typed of ['', 'S', 'x1', '1x', 'S1x', '-1', '2']) {
      expect(t.services.sessions.info(admin(), typed), typed).toMatchObject({ ok: false, error: { code: 8 } });
    }
  });

  it('an ended session can be read but not changed', () => {
    const alice = t.connect('alice', 'USER', 1);
    t.advance(2_000);
    t.dispatch({ type: 'leave', connectionId: alice });
    const info = t.services.sessions.info(admin(), 'S1');
    expect(info).toMatchObject({ ok: true, session: { id: 'S1', status: 'Ended', durationSeconds: 2, howEnded: 'last connection left' } });
    expect(t.services.sessions.setAccess(admin(), 'S1', 'PRIVATE')).toMatchObject({ ok: false, error: { code: 20, detail: 'S1' } });
    const history = t.services.sessions.history(admin(), 'S1');
    expect(history.ok && history.history.events.map((e) => e.event)).toEqual(['created', 'left']);
  });

  it('SET ACCESS=PRIVATE is stored and recorded', () => {
    t.connect('alice', 'USER', 1);
    expect(t.services.sessions.setAccess(admin(), 'S1', 'PRIVATE')).toEqual({ ok: true, id: 'S1', access: 'PRIVATE' });
    expect(t.store.sessions.get('S1')?.access).toBe('PRIVATE');
    expect(t.services.sessions.list(admin())[0]?.access).toBe('PRIVATE');
  });
});
