/**
 * SPEC §10 bearer tokens for the JSON API. Only a SHA-256 of each token's secret is kept (the
 * secret is 32 random bytes, so a fast hash is enough: nothing to brute-force). A token goes
 * with its user: deleting the user deletes it (foreign key), and so does a password change
 * (trigger), whatever way in made the change; USER LOGOUT revokes in code (no row changes).
 */
import type { Migration } from './index.js';

export const apiTokens: Migration = {
  version: 10,
  name: 'api-tokens',
  sql: `
CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  user         TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE ON UPDATE CASCADE,
  secret_hash  TEXT NOT NULL,
  label        TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  last_used_at INTEGER
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens (user);
CREATE TRIGGER api_tokens_revoked_on_password_change
  AFTER UPDATE OF password_hash ON users
  WHEN OLD.password_hash IS NOT NEW.password_hash
  BEGIN
    DELETE FROM api_tokens WHERE user = NEW.name;
  END;
`,
};
