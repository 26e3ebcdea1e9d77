/**
 * SPEC §4/§5 session lifecycle: sessions start and end, the SO role passes on, logouts and ended
 * sessions take everyone with them, and waiting requests are never left hanging.
 */
import { describe, expect, it } from 'vitest';
import { effectsOf, given, noticesTo } from './scenario.fixture.js';
import { findConnection, findPending, originatorOf, portState } from './state.js';

const admin = { user: 'root', level: 'APPLIANCEADMIN' as const };

describe('sessions (SPEC §5)', () => {
  it('the first connection starts session S<n>; ids never repeat', () => {
    const s = given();
    const first = s.request(1, 'alice', 'USER');
    expect(effectsOf(first, 'sessionStarted')).toEqual([
      { type: 'sessionStarted', port: 1, session: { id: 'S1', initiator: 'alice', createdAt: 1_000, access: 'PUBLIC' } },
    ]);
    expect(effectsOf(first, 'sessionEvent')).toMatchObject([{ sessionId: 'S1', event: 'created', user: 'alice' }]);
    s.leave('alice');
    expect(effectsOf(s.request(1, 'bob', 'USER'), 'sessionStarted')[0]!.session.id).toBe('S2');
    expect(s.state.nextSessionNumber).toBe(3);
  });

  it('the last connection leaving ends the session', () => {
    const s = given({ share: 'AUTO' }).holds(1, 'alice', 'USER').holds(1, 'mon', 'USER', { mode: 'listen' });
    const first = s.leave('alice');
    expect(first.effects).toEqual([
      { type: 'detach', connectionId: s.id('alice'), port: 1, reason: 'left' },
      { type: 'notify', to: s.id('mon'), notice: { kind: 'left', port: 1, user: 'alice' } },
      { type: 'sessionEvent', sessionId: 'S1', port: 1, event: 'left', user: 'alice' },
    ]);
    expect(originatorOf(s.state, 1)).toBeNull();
    const last = s.leave('mon');
    expect(effectsOf(last, 'sessionEnded')).toEqual([{ type: 'sessionEnded', sessionId: 'S1', port: 1, how: 'last connection left' }]);
    expect(portState(s.state, 1)!.session).toBeNull();
  });

  it('a monitor leaving a port watched by another monitor changes nothing else', () => {
    const s = given().holds(1, 'm1', 'USER', { mode: 'listen' }).holds(1, 'm2', 'USER', { mode: 'listen' });
    expect(s.leave('m1').effects.map((e) => e.type)).toEqual(['detach', 'notify', 'sessionEvent']);
  });
});

describe('SO hand-off (SPEC §4)', () => {
  it('the longest-connected remaining rw user becomes SO and everyone is told', () => {
    const s = given({ share: 'AUTO' }).holds(1, 'alice', 'USER').holds(1, 'mon', 'USER', { mode: 'listen' })
      .shares(1, 'bob', 'USER').shares(1, 'carol', 'USER');
    const result = s.leave('alice');
    for (const who of ['mon', 'bob', 'carol']) {
      expect(noticesTo(result, s.id(who))).toEqual([
        { kind: 'left', port: 1, user: 'alice' }, { kind: 'newOriginator', port: 1, user: 'bob' },
      ]);
    }
    expect(effectsOf(result, 'sessionEvent').map((e) => [e.event, e.user])).toEqual([['left', 'alice'], ['originator-changed', 'bob']]);
    expect(originatorOf(s.state, 1)!.user).toBe('bob');
  });

  it('questions put to the leaving SO are put to the new SO with a new deadline; choices stand', () => {
    const s = given({ share: 'AUTO' }).holds(1, 'alice', 'ADMIN').shares(1, 'bob', 'ADMIN');
    s.run({ type: 'setShareMode', port: 1, share: 'QUERY' });
    s.request(1, 'carol', 'USER');
    s.request(1, 'dave', 'ADMIN');
    const choosing = findPending(s.state, s.id('dave'));
    s.now += 10_000;
    const result = s.leave('alice');
    expect(findPending(s.state, s.id('dave'))).toBe(choosing);
    const [bob, carol] = [s.id('bob'), s.id('carol')];
    expect(noticesTo(result, carol)).toEqual([{ kind: 'waitingForApproval', port: 1, user: 'bob' }]);
    expect(noticesTo(result, bob)).toContainEqual({ kind: 'shareQuery', port: 1, user: 'carol', level: 'USER' });
    expect(result.effects).toEqual(expect.arrayContaining([
      { type: 'cancelTimer', connectionId: carol },
      { type: 'awaitAnswer', originator: bob, requester: carol },
      { type: 'startTimer', connectionId: carol, deadline: s.now + 30_000 },
    ]));
    expect(findPending(s.state, carol)).toMatchObject({ askedOf: bob, deadline: s.now + 30_000 });
    expect(s.answer('bob', true).outcome).toBe('done');
  });

  it('with no rw connection left, requests awaiting the SO are granted at once; the first is SO', () => {
    const s = given().holds(1, 'alice', 'ADMIN').holds(1, 'mon', 'USER', { mode: 'listen' });
    s.request(1, 'bob', 'USER');
    s.request(1, 'carol', 'USER');
    const result = s.leave('alice');
    expect(effectsOf(result, 'attach').map((e) => e.connectionId)).toEqual([s.id('bob'), s.id('carol')]);
    expect(effectsOf(result, 'cancelTimer').map((e) => e.connectionId)).toEqual([s.id('bob'), s.id('carol')]);
    expect(noticesTo(result, s.id('mon'))).toContainEqual({ kind: 'newOriginator', port: 1, user: 'bob' });
    expect(originatorOf(s.state, 1)!.user).toBe('bob');
  });

  it('requests still choosing when the last connection leaves are granted at once, in order', () => {
    const s = given({ share: 'DISABLE' }).holds(1, 'alice', 'USER');
    s.request(1, 'bob', 'USER');
    s.request(1, 'carol', 'ADMIN');
    const result = s.leave('alice');
    expect(effectsOf(result, 'sessionEnded')[0]!.how).toBe('last connection left');
    expect(effectsOf(result, 'sessionStarted')[0]!.session).toMatchObject({ id: 'S2', initiator: 'bob' });
    expect(portState(s.state, 1)!.connections.map((c) => [c.user, c.exclusive])).toEqual([['bob', false], ['carol', false]]);
    expect(portState(s.state, 1)!.pending).toEqual([]);
  });

  it('a choice offered over the port limit gets in when the port empties only if there is room', () => {
    const s = given({ share: 'AUTO', limits: { maxPerPort: 2 } }).holds(1, 'alice', 'USER');
    s.request(1, 'bob', 'USER');
    s.request(1, 'carol', 'ADMIN');
    s.request(1, 'dave', 'ADMIN');
    expect(portState(s.state, 1)!.pending.map((r) => r.holdsPlace)).toEqual([true, false, false]);
    const result = s.leave('alice');
    expect(effectsOf(result, 'attach').map((e) => e.connectionId)).toEqual([s.id('bob'), s.id('carol')]);
    expect(noticesTo(result, s.id('dave'))).toEqual([{ kind: 'portLimit', port: 1 }]);
    expect(effectsOf(result, 'refuse')).toEqual([{ type: 'refuse', connectionId: s.id('dave'), port: 1 }]);
  });

  it('a request abandoned while waiting ends with refuse and nothing else', () => {
    const s = given().holds(1, 'alice', 'ADMIN');
    s.request(1, 'bob', 'USER');
    const result = s.leave('bob');
    expect(result.effects).toEqual([
      { type: 'cancelTimer', connectionId: s.id('bob') }, { type: 'refuse', connectionId: s.id('bob'), port: 1 },
    ]);
    expect(s.answer('alice', true).outcome).toBe('ignored');
  });
});

describe('logout and ended sessions', () => {
  it('logging out a non-SO ends only that user: the others see them leave', () => {
    const s = given({ share: 'AUTO' }).holds(1, 'alice', 'USER').shares(1, 'bob', 'USER').holds(2, 'bob', 'USER', { label: 'bob2' });
    const result = s.run({ type: 'logoutUser', user: 'bob', by: admin });
    expect(result.outcome).toBe('done');
    expect(noticesTo(result, s.id('bob'))).toEqual([{ kind: 'loggedOut', user: 'root' }]);
    expect(effectsOf(result, 'detach')).toEqual([
      { type: 'detach', connectionId: s.id('bob'), port: 1, reason: 'logged-out' },
      { type: 'detach', connectionId: s.id('bob2'), port: 2, reason: 'logged-out' },
    ]);
    expect(noticesTo(result, s.id('alice'))).toEqual([{ kind: 'left', port: 1, user: 'bob' }]);
    expect(effectsOf(result, 'sessionEnded')).toEqual([{ type: 'sessionEnded', sessionId: 'S2', port: 2, how: 'logged out by root' }]);
    expect(originatorOf(s.state, 1)!.user).toBe('alice');
  });

  it('logging out the SO ends every connection and request on that port', () => {
    const s = given({ share: 'AUTO' }).holds(1, 'alice', 'ADMIN').shares(1, 'bob', 'ADMIN');
    s.run({ type: 'setShareMode', port: 1, share: 'QUERY' });
    s.request(1, 'carol', 'USER');
    const result = s.run({ type: 'logoutUser', user: 'alice', by: admin });
    expect(noticesTo(result, s.id('alice'))).toEqual([{ kind: 'loggedOut', user: 'root' }]);
    expect(noticesTo(result, s.id('bob'))).toEqual([{ kind: 'sessionEnded', user: 'root' }]);
    expect(noticesTo(result, s.id('carol'))).toEqual([{ kind: 'sessionEnded', user: 'root' }]);
    expect(effectsOf(result, 'detach').map((e) => e.reason)).toEqual(['logged-out', 'session-ended']);
    expect(effectsOf(result, 'refuse').map((e) => e.connectionId)).toEqual([s.id('carol')]);
    expect(effectsOf(result, 'sessionEvent')).toMatchObject([{ event: 'ended-by', user: 'root', detail: 'logged out by root' }]);
    expect(portState(s.state, 1)).toMatchObject({ connections: [], pending: [], session: null, originator: null });
  });

  it("logging out a user's waiting request refuses it", () => {
    const s = given().holds(1, 'alice', 'ADMIN');
    s.request(1, 'bob', 'USER');
    const result = s.run({ type: 'logoutUser', user: 'bob', by: admin });
    expect(noticesTo(result, s.id('bob'))).toEqual([{ kind: 'loggedOut', user: 'root' }]);
    expect(effectsOf(result, 'refuse')).toHaveLength(1);
    expect(findConnection(s.state, s.id('alice'))).not.toBeNull();
  });

  it('logging out someone with nothing open is ignored', () => {
    const s = given().holds(1, 'alice', 'USER');
    expect(s.run({ type: 'logoutUser', user: 'zed', by: admin })).toMatchObject({ outcome: 'ignored', effects: [] });
  });

  it('ending a session ends every connection and refuses every request on the port', () => {
    const s = given().holds(1, 'alice', 'USER').holds(1, 'mon', 'USER', { mode: 'listen' });
    s.request(1, 'bob', 'USER');
    const result = s.run({ type: 'endSession', port: 1, by: admin });
    for (const who of ['alice', 'mon', 'bob']) expect(noticesTo(result, s.id(who))).toEqual([{ kind: 'sessionEnded', user: 'root' }]);
    expect(effectsOf(result, 'detach').map((e) => e.reason)).toEqual(['session-ended', 'session-ended']);
    expect(effectsOf(result, 'sessionEnded')).toEqual([{ type: 'sessionEnded', sessionId: 'S1', port: 1, how: 'ended by root' }]);
    expect(portState(s.state, 1)!.session).toBeNull();
  });

  it.each([0, 1.5, 9, 2])('ending a session on port %s (no such port or idle) is ignored', (port) => {
    const s = given().holds(1, 'alice', 'USER');
    expect(s.run({ type: 'endSession', port, by: admin })).toMatchObject({ outcome: 'ignored', effects: [] });
  });
});
