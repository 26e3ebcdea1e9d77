/**
 * Questions about who holds a port, asked while deciding: whom RU is compared with, whom the
 * notices name, whether there is room, whether a PRIVATE session admits RU.
 */
import { compareLevels, isAdministrator } from '../levels.js';
import type { Notice } from '../notices.js';
import type { Level } from '../levels.js';
import { effectiveShareMode, type ShareMode } from '../share.js';
import { placesUsed, soConnection, totalConnections } from './state.js';
import type { BrokerState, PortConnection, PortState } from './types.js';

/**
 * The highest-level connection of a port in use (the longest connected among equals).
 * SPEC §4 decided: RU is compared with the highest level among the port's connections.
 * Callers only ask about ports in use.
 */
export function highestHolder(port: PortState): PortConnection {
  return port.connections.reduce((best, c) => (compareLevels(c.level, best.level) > 0 ? c : best));
}

/** Whom "Port n in use by <user>" names: the SO, or the highest holder when only monitors remain. */
export function namedHolder(port: PortState): PortConnection {
  return soConnection(port) ?? highestHolder(port);
}

/** SPEC §4: an exclusive connection is alone on its port, so checking any one is enough. */
export function heldExclusively(port: PortState): boolean {
  return port.connections.some((c) => c.exclusive);
}

export function portShareMode(state: BrokerState, port: PortState): ShareMode {
  return effectiveShareMode(port.share, state.serverShare);
}

/**
 * The limit notice when one more place cannot be taken on `port` (SPEC §9: per port first, then
 * the appliance), or null when there is room.
 */
export function limitNotice(state: BrokerState, port: PortState): Notice | null {
  if (placesUsed(port) >= state.limits.maxPerPort) return { kind: 'portLimit', port: port.port };
  if (totalConnections(state) >= state.limits.maxTotal) return { kind: 'applianceLimit' };
  return null;
}

/** SPEC §4: a PRIVATE session admits only its initiator and ADMIN/APPLIANCEADMIN users. */
export function admits(port: PortState, who: { user: string; level: Level }): boolean {
  const session = port.session;
  if (session === null || session.access === 'PUBLIC') return true;
  return who.user === session.initiator || isAdministrator(who.level);
}
