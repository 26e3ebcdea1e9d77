/**
 * Issue 13: the Appliance's checking mode. A broker that throws or returns a state breaking its
 * invariants is a bug the tests must see: an error-level log line (which fails an e2e test, see
 * test/support/daemon.ts) and, in checking mode, an exception. The broker is pure and never
 * does either on its own, so `decide` is replaced here by one that misbehaves on request.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../test/support/fake-clock.js';
import type { BrokerCommand, BrokerResult, BrokerState } from '../domain/broker/types.js';
import { TEST_PROFILE } from '../../test/support/session-test-app.js';
import { Appliance, BrokerFault, type SessionRecorder } from './appliance.js';

const misbehave = vi.hoisted(() => ({ how: 'none' as 'none' | 'throw' | 'break' }));

vi.mock('../domain/broker/decide.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../domain/broker/decide.js')>();
  return {
    ...real,
    decide: (state: BrokerState, command: BrokerCommand, now: number): BrokerResult => {
      if (misbehave.how === 'throw') throw new Error('policy bug');
      const result = real.decide(state, command, now);
      if (misbehave.how !== 'break') return result;
      // A session on an idle port: "session without connections" (invariants.ts).
      const ports = result.state.ports.map((p, i) => (i === 0 ? { ...p, session: { id: 'S1', access: 'PUBLIC' } } : p));
      return { ...result, state: { ...result.state, ports } as unknown as BrokerState };
    },
  };
});

interface LogRecord { level: number; msg: string }

function appliance(checkInvariants: boolean): { app: Appliance; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => { records.push(JSON.parse(line) as LogRecord); } });
  const noop = (): void => undefined;
  const recorder: SessionRecorder = {
    sessionStarted: noop, sessionEvent: noop, sessionEnded: noop, connectionAttached: noop, connectionDetached: noop,
  };
  const app = new Appliance(TEST_PROFILE, new FakeClock(), recorder, logger,
    { nextSessionNumber: 2, serverShare: 'QUERY', queryTimeoutMs: 30_000, checkInvariants });
  return { app, records };
}

const command: BrokerCommand = { type: 'leave', connectionId: 1 };

afterEach(() => { misbehave.how = 'none'; });

describe('Appliance checking mode (CCMD_CHECK_INVARIANTS=1)', () => {
  it('a sound broker: no log line, no exception', () => {
    const { app, records } = appliance(true);
    expect(app.dispatch(command)).toBe('ignored');
    expect(records).toEqual([]);
  });

  it('a broker exception is logged at error level and thrown on', () => {
    misbehave.how = 'throw';
    const { app, records } = appliance(true);
    expect(() => app.dispatch(command)).toThrow('policy bug');
    expect(records).toEqual([expect.objectContaining({ level: 50, msg: 'broker threw on a command: command dropped' })]);
  });

  it('a broken invariant after a step is logged at error level and a BrokerFault', () => {
    misbehave.how = 'break';
    const { app, records } = appliance(true);
    expect(() => app.dispatch(command)).toThrow(BrokerFault);
    expect(records).toEqual([expect.objectContaining({ level: 50, msg: 'broker invariant broken',
      violations: ['port 1: session without connections or connections without session'] })]);
  });

  it('outside checking mode a broker exception is logged, the command dropped and the daemon kept up', () => {
    misbehave.how = 'throw';
    const { app, records } = appliance(false);
    expect(app.dispatch(command)).toBe('ignored');
    expect(records).toEqual([expect.objectContaining({ level: 50 })]);
    misbehave.how = 'break';
    app.dispatch(command);
    expect(records).toHaveLength(1); // invariants are not checked outside checking mode
  });
});
