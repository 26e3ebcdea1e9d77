/**
 * Test fixture for the broker's tests: builds states by running real commands through
 * `decide()` (so every state is one the broker can reach), checking the invariants after each,
 * and names connections by label. Not used by the daemon.
 */
import { expect } from 'vitest';
import type { Level } from '../levels.js';
import type { Notice } from '../notices.js';
import type { Choice, ShareMode } from '../share.js';
import { decide } from './decide.js';
import { brokerInvariantViolations } from './invariants.js';
import { findPending, initialBrokerState } from './state.js';
import type {
  BrokerCommand, BrokerEffect, BrokerLimits, BrokerResult, BrokerState, ConnectionId, ConnectionMode,
} from './types.js';

export const TEST_LIMITS: BrokerLimits = { ports: 4, maxPerPort: 4, maxTotal: 8 };

export interface ScenarioOptions {
  readonly share?: ShareMode;
  readonly limits?: Partial<BrokerLimits>;
  readonly queryTimeoutMs?: number;
}

export class Scenario {
  state: BrokerState;
  now = 1_000;
  private readonly ids = new Map<string, ConnectionId>();
  private nextId = 1;

  constructor(opts: ScenarioOptions = {}) {
    this.state = initialBrokerState({
      limits: { ...TEST_LIMITS, ...opts.limits },
      serverShare: opts.share ?? 'QUERY',
      queryTimeoutMs: opts.queryTimeoutMs ?? 30_000,
    });
  }

  /** The connection id behind a label (a user name unless another label was given). */
  id(label: string): ConnectionId {
    return this.ids.get(label)!;
  }

  run(command: BrokerCommand): BrokerResult {
    const result = decide(this.state, command, this.now);
    expect(brokerInvariantViolations(result.state), `invariants after ${JSON.stringify(command)}`).toEqual([]);
    this.state = result.state;
    return result;
  }

  /** A new connection's CONNECT (or LISTEN with mode 'listen'). */
  request(port: number, user: string, level: Level,
    opts: { exclusive?: boolean; mode?: ConnectionMode; label?: string } = {}): BrokerResult {
    const connectionId = this.nextId++;
    this.ids.set(opts.label ?? user, connectionId);
    return this.run({
      type: 'connect', requester: { connectionId, user, level }, port,
      exclusive: opts.exclusive ?? false, mode: opts.mode ?? 'rw',
    });
  }

  /** Like `request`, but the connection must be granted at once. */
  holds(port: number, user: string, level: Level,
    opts: { exclusive?: boolean; mode?: ConnectionMode; label?: string } = {}): this {
    const result = this.request(port, user, level, opts);
    expect(result.outcome, `${user} connects at once`).toBe('connected');
    this.now += 1_000;
    return this;
  }

  /** Joins a port in use on AUTO as an equal or higher user: offered the choice, takes S. */
  shares(port: number, user: string, level: Level, label: string = user): this {
    expect(this.request(port, user, level, { label }).outcome, `${user} is offered a choice`).toBe('choosing');
    expect(this.choose(label, 'S').outcome, `${user} shares at once`).toBe('connected');
    this.now += 1_000;
    return this;
  }

  choose(label: string, choice: Choice): BrokerResult {
    return this.run({ type: 'choose', connectionId: this.id(label), choice });
  }

  answer(label: string, allow: boolean): BrokerResult {
    return this.run({ type: 'answer', connectionId: this.id(label), allow });
  }

  leave(label: string): BrokerResult {
    return this.run({ type: 'leave', connectionId: this.id(label) });
  }

  /** The waiting request's timer fires at its deadline. */
  timeout(label: string): BrokerResult {
    this.now = findPending(this.state, this.id(label))!.deadline;
    return this.run({ type: 'queryTimedOut', connectionId: this.id(label) });
  }
}

/** `given({ share: 'QUERY' }).holds(1, 'alice', 'ADMIN')`: a port held as described. */
export function given(opts: ScenarioOptions = {}): Scenario {
  return new Scenario(opts);
}

/** The notices one connection received, in order. */
export function noticesTo(result: BrokerResult, to: ConnectionId): Notice[] {
  return result.effects.flatMap((e) => (e.type === 'notify' && e.to === to ? [e.notice] : []));
}

/** The effects of one type, in order. */
export function effectsOf<T extends BrokerEffect['type']>(
  result: BrokerResult, type: T,
): Extract<BrokerEffect, { type: T }>[] {
  return result.effects.filter((e): e is Extract<BrokerEffect, { type: T }> => e.type === type);
}
