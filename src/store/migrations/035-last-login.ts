/**
 * Issue 12 item 6: SHOW USER's `Last Login`. A local user's latest login (any way in that opened
 * a terminal: SSH, Telnet, the browser terminal), ms since the epoch; NULL until the first one.
 * Users known from a remote login keep theirs in `remote_users.last_login_at` already.
 */
import type { Migration } from './index.js';

export const lastLogin: Migration = {
  version: 35,
  name: 'last-login',
  sql: `
ALTER TABLE users ADD COLUMN last_login_at INTEGER;
`,
};
