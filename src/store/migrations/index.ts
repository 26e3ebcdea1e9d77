/**
 * Numbered schema migrations, applied in order at start-up, each in its own transaction
 * (db.ts). Append new ones here with the next number; never edit one that has shipped.
 * Listed statically (no directory scan) so `src/` and `dist/` behave the same.
 */
import { initial } from './001-initial.js';
import { apiTokens } from './010-api-tokens.js';
import { centralAuth } from './020-central-auth.js';
import { portHardware } from './030-port-hardware.js';
import { lastLogin } from './035-last-login.js';
import { applianceIdentity } from './036-appliance-identity.js';

export interface Migration {
  /** 1, 2, 3...: strictly increasing, recorded in `schema_migrations`. */
  readonly version: number;
  readonly name: string;
  /** SQL run with `exec` (several statements allowed). */
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [initial, apiTokens, centralAuth, portHardware, lastLogin, applianceIdentity];
