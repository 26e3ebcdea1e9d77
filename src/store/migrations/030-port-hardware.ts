/**
 * Issue 12, the manual's hardware settings of a port: TD=CONSOLE|SPC (a power strip on the
 * port), POWER=<CTS|DCD|DSR>,<LOW|HIGH> or NONE (the modem line read as the device's power),
 * TOGGLE=DTR|NONE (DTR dropped for a moment when a session ends). Existing rows get the
 * manual's defaults.
 */
import type { Migration } from './index.js';

export const portHardware: Migration = {
  version: 30,
  name: 'port-hardware',
  sql: `
ALTER TABLE port_settings ADD COLUMN td TEXT NOT NULL DEFAULT 'CONSOLE' CHECK (td IN ('CONSOLE', 'SPC'));
ALTER TABLE port_settings ADD COLUMN power TEXT NOT NULL DEFAULT 'NONE'
  CHECK (power IN ('NONE', 'CTS,HIGH', 'CTS,LOW', 'DCD,HIGH', 'DCD,LOW', 'DSR,HIGH', 'DSR,LOW'));
ALTER TABLE port_settings ADD COLUMN toggle TEXT NOT NULL DEFAULT 'NONE' CHECK (toggle IN ('NONE', 'DTR'));
`,
};
