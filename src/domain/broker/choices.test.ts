/**
 * The E/N/S/D dialogue, preemption, the SO's answers and deadlines (SPEC §4), including the
 * stale and out-of-turn inputs the runtime may send.
 */
import { describe, expect, it } from 'vitest';
import { effectsOf, given, noticesTo } from './scenario.fixture.js';
import { findPending, originatorOf, portState } from './state.js';

describe('preemption', () => {
  it('E preempts every connection (monitors too), refuses the other requests, and starts a new session', () => {
    const s = given({ share: 'DISABLE' }).holds(1, 'alice', 'USER').holds(1, 'mon', 'ADMIN', { mode: 'listen' });
    s.request(1, 'bob', 'ADMIN');
    s.request(1, 'carol', 'APPLIANCEADMIN');
    s.now = 50_000;
    const result = s.choose('carol', 'E');
    expect(result.outcome).toBe('connected');
    const preempted = { kind: 'preempted', port: 1, user: 'carol', level: 'APPLIANCEADMIN' };
    expect(noticesTo(result, s.id('alice'))).toEqual([preempted]);
    expect(noticesTo(result, s.id('mon'))).toEqual([preempted]);
    expect(effectsOf(result, 'detach').map((e) => [e.connectionId, e.reason])).toEqual([
      [s.id('alice'), 'preempted'], [s.id('mon'), 'preempted'],
    ]);
    expect(noticesTo(result, s.id('bob'))).toEqual([{ kind: 'portInUse', port: 1, user: 'carol' }]);
    expect(effectsOf(result, 'refuse').map((e) => e.connectionId)).toEqual([s.id('bob')]);
    expect(effectsOf(result, 'sessionEvent').map((e) => [e.sessionId, e.event, e.user])).toEqual([
      ['S1', 'preempted', 'carol'], ['S2', 'created', 'carol'],
    ]);
    expect(effectsOf(result, 'sessionEnded')).toEqual([{ type: 'sessionEnded', sessionId: 'S1', port: 1, how: 'preempted by carol' }]);
    expect(noticesTo(result, s.id('carol'))).toEqual([{ kind: 'connected', port: 1, exclusive: true, sharedWith: 0 }]);
    expect(portState(s.state, 1)).toMatchObject({
      connections: [{ user: 'carol', exclusive: true, joinedAt: 50_000 }], pending: [], session: { id: 'S2' },
    });
  });

  it('N preempts the same way but RU connects non-exclusively', () => {
    const s = given().holds(1, 'alice', 'USER', { exclusive: true });
    s.request(1, 'bob', 'USER');
    const result = s.choose('bob', 'N');
    expect(effectsOf(result, 'attach')).toEqual([{ type: 'attach', connectionId: s.id('bob'), port: 1, mode: 'rw', exclusive: false }]);
    expect(originatorOf(s.state, 1)!.user).toBe('bob');
  });

  it('E is refused when someone of higher level joined since the offer', () => {
    const s = given({ share: 'AUTO' }).holds(1, 'alice', 'USER');
    s.request(1, 'bob', 'USER');
    s.shares(1, 'carol', 'ADMIN');
    const result = s.choose('bob', 'E');
    expect(result.outcome).toBe('refused');
    expect(noticesTo(result, s.id('bob'))).toEqual([{ kind: 'portInUse', port: 1, user: 'alice' }]);
    expect(portState(s.state, 1)!.connections).toHaveLength(2);
  });
});

describe('the choice dialogue', () => {
  it('D refuses and changes nothing on the port', () => {
    const s = given().holds(1, 'alice', 'USER');
    const before = portState(s.state, 1);
    s.request(1, 'bob', 'USER');
    const result = s.choose('bob', 'D');
    expect(result).toMatchObject({ outcome: 'refused', effects: [
      { type: 'cancelTimer', connectionId: s.id('bob') }, { type: 'refuse', connectionId: s.id('bob'), port: 1 },
    ] });
    expect(portState(s.state, 1)).toEqual(before);
  });

  it('a choice not made by its deadline counts as D', () => {
    const s = given().holds(1, 'alice', 'USER');
    s.request(1, 'bob', 'USER');
    const result = s.timeout('bob');
    expect(result.outcome).toBe('done');
    expect(result.effects.map((e) => e.type)).toEqual(['cancelTimer', 'refuse']);
    expect(findPending(s.state, s.id('bob'))).toBeNull();
  });

  it('keys not offered, choices from connections not choosing, and unknown ids are ignored', () => {
    const s = given({ share: 'DISABLE' }).holds(1, 'alice', 'USER');
    s.request(1, 'bob', 'USER');
    const before = s.state;
    expect(s.choose('bob', 'S')).toMatchObject({ outcome: 'ignored', effects: [] });
    expect(s.choose('alice', 'E').outcome).toBe('ignored');
    expect(s.run({ type: 'choose', connectionId: 404, choice: 'E' }).outcome).toBe('ignored');
    expect(s.state).toBe(before);
  });

  it('S on a port whose SO left meanwhile joins at once (nobody to ask)', () => {
    const s = given().holds(1, 'mon', 'USER', { mode: 'listen' }).holds(1, 'alice', 'USER');
    s.request(1, 'bob', 'USER');
    s.leave('alice');
    const result = s.choose('bob', 'S');
    expect(result.outcome).toBe('connected');
    expect(originatorOf(s.state, 1)!.user).toBe('bob');
  });
});

describe('the SO is asked', () => {
  it("the SO's answer goes to the oldest question put", () => {
    const s = given().holds(1, 'alice', 'ADMIN');
    s.request(1, 'bob', 'USER');
    s.request(1, 'carol', 'USER');
    expect(effectsOf(s.answer('alice', false), 'refuse').map((e) => e.connectionId)).toEqual([s.id('bob')]);
    expect(effectsOf(s.answer('alice', true), 'attach').map((e) => e.connectionId)).toEqual([s.id('carol')]);
  });

  it('answers with nothing asked, from others than the SO, or from unknown ids are ignored', () => {
    const s = given().holds(1, 'alice', 'ADMIN').holds(1, 'mon', 'USER', { mode: 'listen' });
    expect(s.answer('alice', true).outcome).toBe('ignored');
    s.request(1, 'bob', 'USER');
    expect(s.answer('mon', true).outcome).toBe('ignored');
    expect(s.answer('bob', true).outcome).toBe('ignored');
    expect(s.run({ type: 'answer', connectionId: 404, allow: true })).toMatchObject({ outcome: 'ignored', effects: [] });
  });

  it('the approval and refusal are recorded with the SO as the acting user', () => {
    const s = given().holds(1, 'alice', 'ADMIN');
    expect(effectsOf(s.request(1, 'bob', 'USER'), 'sessionEvent')).toMatchObject([{ event: 'share-requested', user: 'bob' }]);
    expect(effectsOf(s.answer('alice', true), 'sessionEvent').map((e) => [e.event, e.user, e.detail])).toEqual([
      ['approved', 'alice', 'bob'], ['joined', 'bob', undefined],
    ]);
    s.request(1, 'carol', 'USER');
    expect(effectsOf(s.answer('alice', false), 'sessionEvent')).toMatchObject([{ event: 'refused', user: 'alice', detail: 'carol' }]);
  });

  it('a timer firing early or for a request no longer waiting is stale and ignored', () => {
    const s = given().holds(1, 'alice', 'ADMIN');
    s.request(1, 'bob', 'USER');
    const early = s.run({ type: 'queryTimedOut', connectionId: s.id('bob') });
    expect(early).toMatchObject({ outcome: 'ignored', effects: [] });
    s.answer('alice', true);
    s.now += 60_000;
    expect(s.run({ type: 'queryTimedOut', connectionId: s.id('bob') }).outcome).toBe('ignored');
  });

  it('a question uses the configured time-out', () => {
    const s = given({ queryTimeoutMs: 5_000 }).holds(1, 'alice', 'ADMIN');
    expect(effectsOf(s.request(1, 'bob', 'USER'), 'startTimer')).toEqual([
      { type: 'startTimer', connectionId: s.id('bob'), deadline: s.now + 5_000 },
    ]);
  });
});
