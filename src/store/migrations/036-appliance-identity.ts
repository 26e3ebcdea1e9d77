/**
 * Issue 12 item 10: what the appliance is, fixed at first start. `mac`: the MAC address whose
 * last three octets name the ports by default (`3A-0F-C2-P7`). Kept here, not read from the host
 * at each start, so port names (which users log in by) do not change when the host's network
 * interfaces do or the data directory moves to another machine, as on the appliance, whose
 * MAC is burnt in.
 */
import type { Migration } from './index.js';

export const applianceIdentity: Migration = {
  version: 36,
  name: 'appliance-identity',
  sql: `
CREATE TABLE appliance_identity (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`,
};
