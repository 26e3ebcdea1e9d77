/**
 * SPEC §4's table, one named case per row, and the examples of the CCM guide (seed 002), each run
 * through decide() from a state built by real commands.
 */
import { describe, expect, it } from 'vitest';
import type { Level } from '../levels.js';
import type { ShareMode } from '../share.js';
import { effectsOf, given, noticesTo, type Scenario } from './scenario.fixture.js';
import { findConnection, findPending, originatorOf, portState } from './state.js';

/** Port 1 held by alice (the SO) at `level`, exclusively or not, under `share`. */
function heldBy(level: Level, share: ShareMode, exclusive: boolean): Scenario {
  return given({ share }).holds(1, 'alice', level, { exclusive });
}

function expectRefusedInUse(s: Scenario, level: Level): void {
  const before = s.state;
  const result = s.request(1, 'bob', level);
  expect(result.outcome).toBe('refused');
  expect(result.state).toBe(before);
  expect(noticesTo(result, s.id('bob'))).toEqual([{ kind: 'portInUse', port: 1, user: 'alice' }]);
  expect(result.effects.map((e) => e.type)).toEqual(['notify', 'refuse']);
}

function expectChoice(s: Scenario, level: Level, options: string[]): void {
  const result = s.request(1, 'bob', level);
  expect(result.outcome).toBe('choosing');
  const bob = s.id('bob');
  expect(noticesTo(result, bob)).toEqual([
    { kind: 'choiceOffered', port: 1, user: 'alice', level: findConnection(s.state, s.id('alice'))!.level, options },
  ]);
  expect(effectsOf(result, 'awaitChoice')).toEqual([{ type: 'awaitChoice', connectionId: bob, options }]);
  expect(effectsOf(result, 'startTimer')).toEqual([{ type: 'startTimer', connectionId: bob, deadline: s.now + 30_000 }]);
  expect(findPending(s.state, bob)).toMatchObject({ stage: 'choosing', options, holdsPlace: true });
}

/** bob's request went to alice: the question, the wait and the deadline. */
function expectAsked(s: Scenario, level: Level): void {
  const result = s.request(1, 'bob', level);
  const [alice, bob] = [s.id('alice'), s.id('bob')];
  expect(result.outcome).toBe('awaiting-approval');
  expect(noticesTo(result, bob)).toEqual([{ kind: 'waitingForApproval', port: 1, user: 'alice' }]);
  expect(noticesTo(result, alice)).toEqual([{ kind: 'shareQuery', port: 1, user: 'bob', level }]);
  expect(result.effects).toEqual(expect.arrayContaining([
    { type: 'awaitApproval', connectionId: bob },
    { type: 'awaitAnswer', originator: alice, requester: bob },
    { type: 'startTimer', connectionId: bob, deadline: s.now + 30_000 },
  ]));
  expect(findPending(s.state, bob)).toMatchObject({ stage: 'awaiting-approval', askedOf: alice });
}

function expectJoined(s: Scenario, result: ReturnType<Scenario['run']>): void {
  const [alice, bob] = [s.id('alice'), s.id('bob')];
  expect(noticesTo(result, bob)).toEqual([{ kind: 'connected', port: 1, exclusive: false, sharedWith: 1 }]);
  expect(noticesTo(result, alice)).toEqual([{ kind: 'joined', port: 1, user: 'bob' }]);
  expect(effectsOf(result, 'attach')).toEqual([{ type: 'attach', connectionId: bob, port: 1, mode: 'rw', exclusive: false }]);
  expect(effectsOf(result, 'cancelTimer')).toEqual([{ type: 'cancelTimer', connectionId: bob }]);
  expect(portState(s.state, 1)!.connections.map((c) => c.user)).toEqual(['alice', 'bob']);
  expect(originatorOf(s.state, 1)!.user).toBe('alice');
}

describe('SPEC §4 table', () => {
  it('row 1: lower RU, QUERY, SO non-exclusive → SO asked; yes: RU joins', () => {
    const s = heldBy('ADMIN', 'QUERY', false);
    expectAsked(s, 'USER');
    const result = s.answer('alice', true);
    expect(result.outcome).toBe('done');
    expectJoined(s, result);
  });

  it('row 1: lower RU, QUERY, SO non-exclusive → SO asked; no: RU refused', () => {
    const s = heldBy('APPLIANCEADMIN', 'QUERY', false);
    expectAsked(s, 'ADMIN');
    const result = s.answer('alice', false);
    expect(noticesTo(result, s.id('bob'))).toEqual([{ kind: 'shareRefused', user: 'alice' }]);
    expect(effectsOf(result, 'refuse')).toEqual([{ type: 'refuse', connectionId: s.id('bob'), port: 1 }]);
    expect(effectsOf(result, 'cancelTimer')).toHaveLength(1);
    expect(findPending(s.state, s.id('bob'))).toBeNull();
  });

  it('row 1: lower RU, QUERY, SO non-exclusive → SO asked; time-out: RU refused', () => {
    const s = heldBy('ADMIN', 'QUERY', false);
    expectAsked(s, 'USER');
    const result = s.timeout('bob');
    expect(noticesTo(result, s.id('bob'))).toEqual([{ kind: 'shareTimedOut' }]);
    expect(effectsOf(result, 'refuse')).toHaveLength(1);
    expect(effectsOf(result, 'sessionEvent').map((e) => e.event)).toEqual(['timed-out']);
    expect(portState(s.state, 1)!.pending).toEqual([]);
  });

  it('row 2: lower RU, QUERY, SO exclusive → refused', () => {
    expectRefusedInUse(heldBy('ADMIN', 'QUERY', true), 'USER');
  });

  it.each([
    ['DISABLE', false], ['DISABLE', true], ['AUTO', false], ['AUTO', true],
  ] as const)('row 3: lower RU, %s, SO exclusive=%s → refused', (share, exclusive) => {
    expectRefusedInUse(heldBy('APPLIANCEADMIN', share, exclusive), 'USER');
  });

  it.each([
    ['equal', 'USER', 'USER', false], ['higher', 'USER', 'ADMIN', true], ['equal', 'ADMIN', 'ADMIN', true],
  ] as const)('row 4: %s RU, DISABLE (SO %s, exclusive=%s) → chooses E, N or D', (_, so, ru, exclusive) => {
    expectChoice(heldBy(so, 'DISABLE', exclusive), ru, ['E', 'N', 'D']);
  });

  it.each([
    ['AUTO', 'equal', 'ADMIN'], ['QUERY', 'higher', 'APPLIANCEADMIN'], ['QUERY', 'equal', 'ADMIN'],
  ] as const)('row 5: SO exclusive, %s, %s RU → chooses E, N or D', (share, _, ru) => {
    expectChoice(heldBy('ADMIN', share, true), ru, ['E', 'N', 'D']);
  });

  it('row 6: equal RU, AUTO, SO non-exclusive → chooses E, N, S or D; S joins at once', () => {
    const s = heldBy('USER', 'AUTO', false);
    expectChoice(s, 'USER', ['E', 'N', 'S', 'D']);
    const result = s.choose('bob', 'S');
    expect(result.outcome).toBe('connected');
    expectJoined(s, result);
  });

  it('row 7: higher RU, QUERY, SO non-exclusive → chooses E, N, S or D; S asks the SO', () => {
    const s = heldBy('USER', 'QUERY', false);
    expectChoice(s, 'ADMIN', ['E', 'N', 'S', 'D']);
    const result = s.choose('bob', 'S');
    expect(result.outcome).toBe('awaiting-approval');
    expect(noticesTo(result, s.id('alice'))).toEqual([{ kind: 'shareQuery', port: 1, user: 'bob', level: 'ADMIN' }]);
    expect(result.effects.slice(0, 1)).toEqual([{ type: 'cancelTimer', connectionId: s.id('bob') }]);
    expect(effectsOf(s.answer('alice', true), 'attach')).toHaveLength(1);
  });
});

describe('seed 002: the CCM guide', () => {
  it('example 1: SO higher, QUERY, SO non-exclusive → SO prompted; approves → RU connected', () => {
    const s = heldBy('ADMIN', 'QUERY', false);
    expectAsked(s, 'USER');
    expectJoined(s, s.answer('alice', true));
  });

  it('example 1: SO higher, QUERY, SO non-exclusive → SO prompted; does not approve → RU not connected', () => {
    const s = heldBy('ADMIN', 'QUERY', false);
    expectAsked(s, 'USER');
    s.answer('alice', false);
    expect(findConnection(s.state, s.id('bob'))).toBeNull();
  });

  it('example 1: SO higher, QUERY, SO exclusive → RU not connected', () => {
    expectRefusedInUse(heldBy('ADMIN', 'QUERY', true), 'USER');
  });

  it.each([
    ['DISABLE', false], ['DISABLE', true], ['AUTO', false], ['AUTO', true],
  ] as const)('example 1: SO higher, %s, SO exclusive=%s → RU not connected', (share, exclusive) => {
    expectRefusedInUse(heldBy('ADMIN', share, exclusive), 'USER');
  });

  it('any user may have exclusive access to a port with no other connection', () => {
    const s = given();
    const result = s.request(1, 'carol', 'USER', { exclusive: true });
    expect(result.outcome).toBe('connected');
    expect(noticesTo(result, s.id('carol'))).toEqual([{ kind: 'connected', port: 1, exclusive: true, sharedWith: 0 }]);
    expect(findConnection(s.state, s.id('carol'))!.exclusive).toBe(true);
  });

  it('exclusive access is not granted on a port in use: RU gets the table', () => {
    const s = heldBy('USER', 'QUERY', false);
    const result = s.request(1, 'bob', 'USER', { exclusive: true });
    expect(result.outcome).toBe('choosing');
  });

  it('B equal to or higher than A may preempt A (E: B alone, exclusive)', () => {
    const s = heldBy('ADMIN', 'QUERY', false);
    s.request(1, 'bob', 'ADMIN');
    const result = s.choose('bob', 'E');
    expect(result.outcome).toBe('connected');
    expect(noticesTo(result, s.id('alice'))).toEqual([{ kind: 'preempted', port: 1, user: 'bob', level: 'ADMIN' }]);
    expect(portState(s.state, 1)!.connections.map((c) => [c.user, c.exclusive])).toEqual([['bob', true]]);
  });

  it('sharing disabled: only one session per port — a second user can only preempt or leave', () => {
    const s = heldBy('USER', 'DISABLE', false);
    expectChoice(s, 'APPLIANCEADMIN', ['E', 'N', 'D']);
    expect(s.choose('bob', 'S').outcome).toBe('ignored');
  });

  it('CCM1650: four connections per port, 32 in all', () => {
    const s = given({ share: 'AUTO', limits: { ports: 16, maxPerPort: 4, maxTotal: 32 } });
    for (let port = 1; port <= 8; port++) {
      for (let k = 0; k < 4; k++) s.holds(port, `u${port}-${k}`, 'USER', { mode: 'listen' });
    }
    expect(s.request(1, 'extra', 'USER', { mode: 'listen' }).effects[0]).toMatchObject({ notice: { kind: 'portLimit', port: 1 } });
    expect(s.request(9, 'late', 'USER').effects[0]).toMatchObject({ notice: { kind: 'applianceLimit' } });
  });
});
