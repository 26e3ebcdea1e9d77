/**
 * The invariant checker finds each broken rule: states reached by decide() are sound, and each
 * hand-broken copy of one reports exactly what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { brokerInvariantViolations } from './invariants.js';
import { given } from './scenario.fixture.js';
import type { BrokerState, PendingRequest, PortState } from './types.js';

/** Port 1: alice (SO), a monitor, bob awaiting approval, carol choosing; port 2: dave exclusive. */
function sound(): BrokerState {
  const s = given({ limits: { maxPerPort: 4, maxTotal: 6 } }).holds(1, 'alice', 'ADMIN').holds(1, 'mon', 'USER', { mode: 'listen' })
    .holds(2, 'dave', 'USER', { exclusive: true });
  s.request(1, 'bob', 'USER');
  s.run({ type: 'setShareMode', port: 1, share: 'DISABLE' });
  s.request(1, 'carol', 'ADMIN');
  return s.state;
}

function withPort(state: BrokerState, n: number, change: (p: PortState) => Partial<PortState>): BrokerState {
  return { ...state, ports: state.ports.map((p) => (p.port === n ? { ...p, ...change(p) } : p)) };
}

function withRequest(state: BrokerState, index: number, change: Partial<PendingRequest>): BrokerState {
  return withPort(state, 1, (p) => ({ pending: p.pending.map((r, i) => (i === index ? { ...r, ...change } : r)) }));
}

describe('brokerInvariantViolations', () => {
  it('finds nothing wrong with states decide() reaches', () => {
    expect(brokerInvariantViolations(sound())).toEqual([]);
  });

  const base = sound();
  const [p1, p2] = [base.ports[0]!, base.ports[1]!];
  const [alice, mon] = [p1.connections[0]!, p1.connections[1]!];
  const dave = p2.connections[0]!;
  it.each<[string, BrokerState, string]>([
    ['port count', { ...base, limits: { ...base.limits, ports: 5 } }, '4 ports, limits say 5'],
    ['appliance limit', { ...base, limits: { ...base.limits, maxTotal: 4 } }, '5 places used, max 4'],
    ['numbering', withPort(base, 3, () => ({ port: 7 })), 'port at index 2 is numbered 7'],
    ['duplicate id', withPort(base, 3, () => ({ connections: [alice], originator: alice.connectionId, session: p1.session })),
      `connection ${alice.connectionId} appears twice`],
    ['port limit', { ...base, limits: { ...base.limits, maxPerPort: 3 } }, 'port 1: 4 places used, max 3'],
    ['exclusive alone', withPort(base, 2, (p) => ({ connections: [...p.connections, { ...mon, connectionId: 77 }] })),
      'port 2: exclusive connection not alone'],
    ['exclusive monitor', withPort(base, 2, () => ({ connections: [{ ...dave, mode: 'listen' }], originator: null })),
      'port 2: exclusive monitor'],
    ['SO', withPort(base, 1, () => ({ originator: mon.connectionId })), `port 1: SO ${mon.connectionId} is not the first rw connection`],
    ['no SO', withPort(base, 2, () => ({ originator: null })), 'port 2: SO null is not the first rw connection'],
    ['session', withPort(base, 2, () => ({ session: null })), 'port 2: session without connections or connections without session'],
    ['session id', { ...base, nextSessionNumber: 2 }, 'port 2: session id S2 not below the next number 2'],
    ['idle queue', withPort(base, 3, () => ({ pending: [{ ...p1.pending[1]!, connectionId: 88 }] })), 'port 3: requests wait on an idle port'],
    ['waiting monitor', withRequest(base, 0, { mode: 'listen' }), `port 1: request ${p1.pending[0]!.connectionId} is a waiting monitor`],
    ['asked of non-SO', withRequest(base, 0, { askedOf: mon.connectionId }), `port 1: request ${p1.pending[0]!.connectionId} asks someone who is not the SO`],
    ['asked of nobody', withRequest(base, 0, { askedOf: null }), `port 1: request ${p1.pending[0]!.connectionId} asks someone who is not the SO`],
    ['awaiting without place', withRequest(base, 0, { holdsPlace: false }), `port 1: request ${p1.pending[0]!.connectionId} awaits approval without a place`],
    ['choosing asked', withRequest(base, 1, { askedOf: alice.connectionId }), `port 1: request ${p1.pending[1]!.connectionId} chooses without options`],
    ['choosing nothing', withRequest(base, 1, { options: [] }), `port 1: request ${p1.pending[1]!.connectionId} chooses without options`],
    ['S over a limit', withRequest(base, 1, { holdsPlace: false, options: ['E', 'N', 'S', 'D'] }), `port 1: request ${p1.pending[1]!.connectionId} offered S over a limit`],
  ])('reports a broken rule: %s', (_, state, message) => {
    expect(brokerInvariantViolations(state)).toContain(message);
  });

  it('a port with only monitors has no SO and is sound', () => {
    const state = withPort(base, 1, () => ({ connections: [mon], originator: null, pending: [] }));
    expect(brokerInvariantViolations(state)).toEqual([]);
  });
});
