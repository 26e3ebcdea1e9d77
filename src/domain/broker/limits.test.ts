/**
 * SPEC §9 limits, LISTEN monitors, PRIVATE sessions, settings, and bad input from the runtime.
 */
import { describe, expect, it } from 'vitest';
import { effectsOf, given, noticesTo } from './scenario.fixture.js';
import { findConnection, findPending, originatorOf, portState, totalConnections } from './state.js';

describe('limits (SPEC §9)', () => {
  it('a full port refuses a lower requester with the port limit, state unchanged', () => {
    const s = given({ limits: { maxPerPort: 2 } }).holds(1, 'alice', 'ADMIN');
    s.request(1, 'bob', 'USER');
    const before = s.state;
    const result = s.request(1, 'carol', 'USER');
    expect(result).toMatchObject({ outcome: 'refused', effects: [
      { type: 'notify', notice: { kind: 'portLimit', port: 1 } }, { type: 'refuse', port: 1 },
    ] });
    expect(s.state).toBe(before);
  });

  it('a full port offers a requester who could preempt E, N or D, holding no place', () => {
    const s = given({ share: 'AUTO', limits: { maxPerPort: 1 } }).holds(1, 'alice', 'USER');
    const result = s.request(1, 'bob', 'ADMIN');
    expect(noticesTo(result, s.id('bob'))).toEqual([
      { kind: 'choiceOffered', port: 1, user: 'alice', level: 'USER', options: ['E', 'N', 'D'] },
    ]);
    expect(findPending(s.state, s.id('bob'))!.holdsPlace).toBe(false);
    expect(totalConnections(s.state)).toBe(1);
    expect(s.choose('bob', 'E').outcome).toBe('connected');
    expect(totalConnections(s.state)).toBe(1);
  });

  it('a full appliance refuses with the appliance limit, on an idle port or a lower requester', () => {
    const s = given({ limits: { maxTotal: 2 } }).holds(1, 'alice', 'ADMIN').holds(2, 'bob', 'USER');
    expect(noticesTo(s.request(3, 'carol', 'USER'), s.id('carol'))).toEqual([{ kind: 'applianceLimit' }]);
    expect(noticesTo(s.request(1, 'dave', 'USER'), s.id('dave'))).toEqual([{ kind: 'applianceLimit' }]);
  });

  it('a full appliance still offers E, N or D on a port in use: preempting frees the room', () => {
    const s = given({ limits: { maxTotal: 2 } }).holds(1, 'alice', 'USER').holds(2, 'bob', 'USER');
    expect(effectsOf(s.request(1, 'carol', 'ADMIN'), 'awaitChoice')[0]!.options).toEqual(['E', 'N', 'D']);
    s.choose('carol', 'N');
    expect(totalConnections(s.state)).toBe(2);
  });

  it('a waiting request holds its place', () => {
    const s = given({ limits: { maxPerPort: 2 } }).holds(1, 'alice', 'ADMIN');
    s.request(1, 'bob', 'USER');
    expect(totalConnections(s.state)).toBe(2);
    expect(s.request(1, 'mon', 'USER', { mode: 'listen' }).effects[0]).toMatchObject({ notice: { kind: 'portLimit' } });
  });
});

describe('LISTEN monitors', () => {
  it('join at once without asking the SO, never as SO', () => {
    const s = given({ share: 'DISABLE' }).holds(1, 'alice', 'APPLIANCEADMIN');
    const result = s.request(1, 'mon', 'USER', { mode: 'listen', exclusive: true });
    expect(result.outcome).toBe('connected');
    expect(effectsOf(result, 'attach')).toEqual([{ type: 'attach', connectionId: s.id('mon'), port: 1, mode: 'listen', exclusive: false }]);
    expect(noticesTo(result, s.id('alice'))).toEqual([{ kind: 'joined', port: 1, user: 'mon' }]);
    expect(originatorOf(s.state, 1)!.user).toBe('alice');
  });

  it('are refused by an exclusive holder', () => {
    const s = given().holds(1, 'alice', 'USER', { exclusive: true });
    expect(noticesTo(s.request(1, 'mon', 'ADMIN', { mode: 'listen' }), s.id('mon'))).toEqual([
      { kind: 'portInUse', port: 1, user: 'alice' },
    ]);
  });

  it('a monitor on an idle port starts the session but is not SO; the next rw connect becomes SO', () => {
    const s = given().holds(1, 'mon', 'ADMIN', { mode: 'listen', exclusive: true });
    expect(findConnection(s.state, s.id('mon'))!.exclusive).toBe(false);
    expect(originatorOf(s.state, 1)).toBeNull();
    const result = s.request(1, 'alice', 'USER');
    expect(result.outcome).toBe('connected');
    expect(noticesTo(result, s.id('mon'))).toEqual([
      { kind: 'joined', port: 1, user: 'alice' }, { kind: 'newOriginator', port: 1, user: 'alice' },
    ]);
    expect(originatorOf(s.state, 1)!.user).toBe('alice');
  });

  it('an exclusive request meeting only monitors goes through the table: lower on QUERY joins at once', () => {
    const s = given().holds(1, 'mon', 'ADMIN', { mode: 'listen' });
    const result = s.request(1, 'alice', 'USER', { exclusive: true });
    expect(result.outcome).toBe('connected');
    expect(findConnection(s.state, s.id('alice'))!.exclusive).toBe(false);
  });

  it('an exclusive request meeting only monitors: equal may choose, E preempts them', () => {
    const s = given().holds(1, 'mon', 'USER', { mode: 'listen' });
    expect(s.request(1, 'alice', 'USER', { exclusive: true }).outcome).toBe('choosing');
    expect(noticesTo(s.choose('alice', 'E'), s.id('mon'))[0]).toMatchObject({ kind: 'preempted' });
  });
});

describe('PRIVATE sessions', () => {
  const privateSession = () => {
    const s = given({ share: 'AUTO' }).holds(1, 'alice', 'USER');
    s.run({ type: 'setAccess', port: 1, access: 'PRIVATE', by: { user: 'alice', level: 'USER' } });
    return s;
  };

  it('refuse other users, monitors included', () => {
    const s = privateSession();
    expect(noticesTo(s.request(1, 'bob', 'USER'), s.id('bob'))).toEqual([{ kind: 'portInUse', port: 1, user: 'alice' }]);
    expect(s.request(1, 'mon', 'USER', { mode: 'listen' }).outcome).toBe('refused');
  });

  it('admit the initiator and administrators to the usual table', () => {
    const s = privateSession();
    expect(s.request(1, 'alice', 'USER', { label: 'alice2' }).outcome).toBe('choosing');
    expect(s.request(1, 'root', 'ADMIN').outcome).toBe('choosing');
  });

  it('going PRIVATE refuses waiting requests it no longer admits and records who did it', () => {
    const s = given({ share: 'AUTO' }).holds(1, 'alice', 'USER');
    s.request(1, 'bob', 'USER');
    s.request(1, 'root', 'ADMIN');
    const result = s.run({ type: 'setAccess', port: 1, access: 'PRIVATE', by: { user: 'root', level: 'ADMIN' } });
    expect(result.outcome).toBe('done');
    expect(effectsOf(result, 'sessionEvent')).toEqual([
      { type: 'sessionEvent', sessionId: 'S1', port: 1, event: 'access-changed', user: 'root', detail: 'PRIVATE' },
    ]);
    expect(noticesTo(result, s.id('bob'))).toEqual([{ kind: 'portInUse', port: 1, user: 'alice' }]);
    expect(portState(s.state, 1)!.pending.map((r) => r.user)).toEqual(['root']);
    expect(portState(s.state, 1)!.session!.access).toBe('PRIVATE');
  });

  it('access changes without an actor, to the same value, or on idle or missing ports', () => {
    const s = privateSession();
    expect(effectsOf(s.run({ type: 'setAccess', port: 1, access: 'PUBLIC' }), 'sessionEvent')[0]!.user).toBe('');
    expect(s.run({ type: 'setAccess', port: 1, access: 'PUBLIC' }).outcome).toBe('ignored');
    expect(s.run({ type: 'setAccess', port: 2, access: 'PRIVATE' }).outcome).toBe('ignored');
    expect(s.run({ type: 'setAccess', port: 99, access: 'PRIVATE' }).outcome).toBe('ignored');
  });
});

describe('settings', () => {
  it('the appliance-wide share mode applies to ports following SERVER; a port override wins', () => {
    const s = given({ share: 'QUERY' }).holds(1, 'alice', 'ADMIN').holds(2, 'bob', 'ADMIN');
    expect(s.run({ type: 'setShareMode', port: null, share: 'DISABLE' }).outcome).toBe('done');
    expect(s.run({ type: 'setShareMode', port: 2, share: 'QUERY' }).outcome).toBe('done');
    expect(s.request(1, 'carol', 'USER').outcome).toBe('refused');
    expect(s.request(2, 'dave', 'USER').outcome).toBe('awaiting-approval');
    s.run({ type: 'setShareMode', port: 2, share: 'SERVER' });
    expect(s.request(2, 'erin', 'USER').outcome).toBe('refused');
  });

  it('SERVER is no appliance-wide mode, and missing ports are ignored', () => {
    const s = given();
    expect(s.run({ type: 'setShareMode', port: null, share: 'SERVER' }).outcome).toBe('ignored');
    expect(s.run({ type: 'setShareMode', port: 0, share: 'AUTO' }).outcome).toBe('ignored');
    expect(s.state.serverShare).toBe('QUERY');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('a query time-out of %s ms is ignored', (ms) => {
    expect(given().run({ type: 'setQueryTimeout', ms }).outcome).toBe('ignored');
  });

  it('a new query time-out applies to the next question', () => {
    const s = given().holds(1, 'alice', 'ADMIN');
    expect(s.run({ type: 'setQueryTimeout', ms: 5_000 }).outcome).toBe('done');
    expect(effectsOf(s.request(1, 'bob', 'USER'), 'startTimer')[0]!.deadline).toBe(s.now + 5_000);
  });
});

describe('bad input never throws', () => {
  it.each([0, 5, 1.5, -3])('a connect to port %s is refused with nothing but refuse', (port) => {
    const s = given();
    const result = s.request(port, 'alice', 'USER');
    expect(result).toMatchObject({ outcome: 'refused', effects: [{ type: 'refuse', connectionId: s.id('alice'), port }] });
  });

  it.each([2, 9])('a second connect (to port %s) from a connection already connected or waiting is ignored', (port) => {
    const s = given().holds(1, 'alice', 'ADMIN');
    s.request(1, 'bob', 'USER');
    for (const who of ['alice', 'bob']) {
      const again = s.run({ type: 'connect', requester: { connectionId: s.id(who), user: who, level: 'ADMIN' },
        port, exclusive: false, mode: 'rw' });
      expect(again).toMatchObject({ outcome: 'ignored', effects: [] });
    }
  });

  it('leaving with an unknown id is ignored', () => {
    expect(given().run({ type: 'leave', connectionId: 7 })).toMatchObject({ outcome: 'ignored', effects: [] });
  });
});
