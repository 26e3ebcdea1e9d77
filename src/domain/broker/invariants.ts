/**
 * What holds for every broker state `decide()` returns (STYLE: invariants beside the type,
 * checked after every change — by the tests here, and by the runtime in debug builds if it wishes).
 */
import { placesUsed, totalConnections } from './state.js';
import type { BrokerState, PortState } from './types.js';

/** Every broken rule, in words; empty when the state is sound. */
export function brokerInvariantViolations(state: BrokerState): string[] {
  const out: string[] = [];
  if (state.ports.length !== state.limits.ports) out.push(`${state.ports.length} ports, limits say ${state.limits.ports}`);
  if (totalConnections(state) > state.limits.maxTotal) out.push(`${totalConnections(state)} places used, max ${state.limits.maxTotal}`);
  const seen = new Set<number>();
  state.ports.forEach((port, i) => {
    if (port.port !== i + 1) out.push(`port at index ${i} is numbered ${port.port}`);
    for (const id of [...port.connections, ...port.pending].map((c) => c.connectionId)) {
      if (seen.has(id)) out.push(`connection ${id} appears twice`);
      seen.add(id);
    }
    out.push(...portViolations(state, port));
  });
  return out;
}

function portViolations(state: BrokerState, port: PortState): string[] {
  const out: string[] = [];
  const at = `port ${port.port}`;
  if (placesUsed(port) > state.limits.maxPerPort) out.push(`${at}: ${placesUsed(port)} places used, max ${state.limits.maxPerPort}`);
  if (port.connections.some((c) => c.exclusive) && port.connections.length > 1) out.push(`${at}: exclusive connection not alone`);
  if (port.connections.some((c) => c.exclusive && c.mode === 'listen')) out.push(`${at}: exclusive monitor`);
  // SPEC §4: the SO is the longest-connected rw connection (the first granted, then hand-offs in order).
  const firstRw = port.connections.find((c) => c.mode === 'rw');
  if (port.originator !== (firstRw?.connectionId ?? null)) out.push(`${at}: SO ${port.originator} is not the first rw connection`);
  if ((port.session === null) !== (port.connections.length === 0)) out.push(`${at}: session without connections or connections without session`);
  if (port.session !== null && !(Number(port.session.id.slice(1)) < state.nextSessionNumber)) {
    out.push(`${at}: session id ${port.session.id} not below the next number ${state.nextSessionNumber}`);
  }
  if (port.pending.length > 0 && port.connections.length === 0) out.push(`${at}: requests wait on an idle port`);
  for (const r of port.pending) {
    const id = `${at}: request ${r.connectionId}`;
    if (r.mode !== 'rw') out.push(`${id} is a waiting monitor`);
    if (r.stage === 'awaiting-approval' && (r.askedOf === null || r.askedOf !== port.originator)) out.push(`${id} asks someone who is not the SO`);
    if (r.stage === 'awaiting-approval' && !r.holdsPlace) out.push(`${id} awaits approval without a place`);
    if (r.stage === 'choosing' && (r.askedOf !== null || r.options.length === 0)) out.push(`${id} chooses without options`);
    if (!r.holdsPlace && r.options.includes('S')) out.push(`${id} offered S over a limit`);
  }
  return out;
}
