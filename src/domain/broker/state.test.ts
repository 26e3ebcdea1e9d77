import { describe, expect, it } from 'vitest';
import { given } from './scenario.fixture.js';
import {
  connectionPort, DEFAULT_QUERY_TIMEOUT_MS, findConnection, findPending, initialBrokerState, originatorOf,
  placesUsed, portState, totalConnections,
} from './state.js';

const limits = { ports: 3, maxPerPort: 4, maxTotal: 6 };

describe('initialBrokerState', () => {
  it('starts every port idle, following the appliance: QUERY, 30 s, session S1', () => {
    const state = initialBrokerState({ limits });
    expect(state).toMatchObject({ serverShare: 'QUERY', queryTimeoutMs: DEFAULT_QUERY_TIMEOUT_MS, nextSessionNumber: 1 });
    expect(DEFAULT_QUERY_TIMEOUT_MS).toBe(30_000);
    expect(state.ports).toEqual([1, 2, 3].map((port) => ({
      port, share: 'SERVER', connections: [], originator: null, session: null, pending: [],
    })));
  });

  it('takes the share mode, time-out and next session number it is given', () => {
    const state = initialBrokerState({ limits, serverShare: 'AUTO', queryTimeoutMs: 10_000, nextSessionNumber: 42 });
    expect(state).toMatchObject({ serverShare: 'AUTO', queryTimeoutMs: 10_000, nextSessionNumber: 42 });
  });
});

describe('queries', () => {
  const s = given().holds(1, 'alice', 'ADMIN').holds(1, 'mon', 'USER', { mode: 'listen' }).holds(2, 'mon2', 'USER', { mode: 'listen' });
  s.request(1, 'bob', 'USER');

  it('portState: the port by number, null for no such port', () => {
    expect(portState(s.state, 2)!.port).toBe(2);
    for (const bad of [0, 5, 1.5, Number.NaN]) expect(portState(s.state, bad)).toBeNull();
  });

  it('placesUsed / totalConnections count connections, monitors and waiting requests', () => {
    expect(placesUsed(portState(s.state, 1)!)).toBe(3);
    expect(totalConnections(s.state)).toBe(4);
  });

  it('connectionPort finds connections and requests', () => {
    expect(connectionPort(s.state, s.id('mon2'))).toBe(2);
    expect(connectionPort(s.state, s.id('bob'))).toBe(1);
    expect(connectionPort(s.state, 999)).toBeNull();
  });

  it('findConnection / findPending tell granted from waiting', () => {
    expect(findConnection(s.state, s.id('mon'))!.mode).toBe('listen');
    expect(findConnection(s.state, s.id('bob'))).toBeNull();
    expect(findPending(s.state, s.id('bob'))!.stage).toBe('awaiting-approval');
    expect(findPending(s.state, s.id('alice'))).toBeNull();
  });

  it('originatorOf: the SO, null without rw connection or port', () => {
    expect(originatorOf(s.state, 1)!.user).toBe('alice');
    expect(originatorOf(s.state, 2)).toBeNull();
    expect(originatorOf(s.state, 9)).toBeNull();
  });
});
