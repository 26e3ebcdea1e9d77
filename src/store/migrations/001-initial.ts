/**
 * The first schema. Times are ms since the epoch (INTEGER); lists are JSON arrays (TEXT).
 * STRICT tables so a wrongly typed value is refused by SQLite itself.
 */
import type { Migration } from './index.js';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE users (
  name          TEXT PRIMARY KEY,
  password_hash TEXT,
  ssh_keys      TEXT NOT NULL DEFAULT '[]',
  access        TEXT NOT NULL,
  groups        TEXT NOT NULL DEFAULT '[]',
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  INTEGER,
  created_at    INTEGER NOT NULL,
  -- SPEC §3: every user keeps a password or a key (checked in code too; this is the backstop).
  CHECK (password_hash IS NOT NULL OR ssh_keys <> '[]')
) STRICT;
-- Names are case-sensitive at login but unique ignoring case (users.ts, decided).
CREATE UNIQUE INDEX users_name_nocase ON users (name COLLATE NOCASE);

CREATE TABLE port_settings (
  port            INTEGER PRIMARY KEY CHECK (port >= 1),
  name            TEXT,
  baud            INTEGER NOT NULL,
  data_bits       INTEGER NOT NULL CHECK (data_bits IN (7, 8)),
  parity          TEXT NOT NULL CHECK (parity IN ('NONE', 'EVEN', 'ODD')),
  stop_bits       INTEGER NOT NULL CHECK (stop_bits IN (1, 2)),
  flow            TEXT NOT NULL CHECK (flow IN ('NONE', 'XONXOF', 'RTSCTS')),
  timeout_minutes INTEGER NOT NULL CHECK (timeout_minutes >= 0),
  char            TEXT,
  share           TEXT NOT NULL CHECK (share IN ('DISABLE', 'AUTO', 'QUERY', 'SERVER')),
  log             INTEGER NOT NULL CHECK (log IN (0, 1)),
  socket          INTEGER
) STRICT;
-- Port names address ports at login (\`jdoe:router1\`, SPEC §2): unique ignoring case.
CREATE UNIQUE INDEX port_settings_name_nocase ON port_settings (name COLLATE NOCASE);

CREATE TABLE server_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE port_groups (
  name  TEXT PRIMARY KEY,
  ports TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
INSERT INTO counters (name, value) VALUES ('next_session', 1);

CREATE TABLE sessions (
  id         TEXT PRIMARY KEY,
  number     INTEGER NOT NULL UNIQUE,
  port       INTEGER NOT NULL,
  initiator  TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  ended_at   INTEGER,
  how_ended  TEXT,
  access     TEXT NOT NULL CHECK (access IN ('PUBLIC', 'PRIVATE'))
) STRICT;
CREATE INDEX sessions_port ON sessions (port, created_at);

CREATE TABLE session_connections (
  id            INTEGER PRIMARY KEY,
  session_id    TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  connection_id INTEGER NOT NULL,
  user          TEXT NOT NULL,
  method        TEXT NOT NULL,
  client_host   TEXT NOT NULL,
  address       TEXT NOT NULL,
  listener      TEXT NOT NULL,
  mode          TEXT NOT NULL CHECK (mode IN ('rw', 'listen')),
  exclusive     INTEGER NOT NULL CHECK (exclusive IN (0, 1)),
  joined_at     INTEGER NOT NULL,
  left_at       INTEGER
) STRICT;
CREATE INDEX session_connections_session ON session_connections (session_id);

CREATE TABLE session_events (
  id         INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  event      TEXT NOT NULL,
  user       TEXT NOT NULL,
  detail     TEXT
) STRICT;
CREATE INDEX session_events_session ON session_events (session_id, id);

CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY,
  at     INTEGER NOT NULL,
  user   TEXT NOT NULL,
  origin TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);
`,
};
