/**
 * Which MAC address the appliance takes at its first start (issue 12 item 10): the host's first
 * network interface with a real one (by interface name, so the choice is stable), else a random
 * locally administered unicast address (a machine with no network interface, a container).
 * The store keeps the choice (store/identity-repository.ts).
 */
import { randomBytes } from 'node:crypto';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export function hostMac(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string | null {
  for (const name of Object.keys(interfaces).sort()) {
    for (const info of interfaces[name] ?? []) {
      if (!info.internal && info.mac !== '00:00:00:00:00:00') return info.mac;
    }
  }
  return null;
}

/** A random locally administered (bit 1) unicast (bit 0 clear) MAC address. */
export function randomMac(): string {
  const bytes = randomBytes(6);
  bytes[0] = (bytes[0]! & 0xfc) | 0x02;
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');
}
