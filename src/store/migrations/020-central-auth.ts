/**
 * Issue 15, central authentication. `auth_settings` holds one zod-checked JSON document per
 * key (`methods`, `radius`, `ldap`, `tacacs`; auth-settings-repository.ts): the servers, their
 * secrets and time-outs. `remote_users` records users who logged in through a remote server,
 * with the rights that server granted at their last login (SHOW USER, rights checks).
 */
import type { Migration } from './index.js';

export const centralAuth: Migration = {
  version: 20,
  name: 'central-auth',
  sql: `
CREATE TABLE auth_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE remote_users (
  name           TEXT PRIMARY KEY,
  source         TEXT NOT NULL CHECK (source IN ('RADIUS', 'LDAP', 'TACACS')),
  access         TEXT NOT NULL,
  first_login_at INTEGER NOT NULL,
  last_login_at  INTEGER NOT NULL
) STRICT;
`,
};
