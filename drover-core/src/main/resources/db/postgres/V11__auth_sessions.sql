-- PostgreSQL dialect of db/sqlite/V11__auth_sessions.sql.
-- AuthSessions of each Project. Their secrets (the credentials, the Playwright storage state) are
-- sealed with AES-GCM by the server's key: never stored in plain text. generation grows by one
-- each time the state is replaced, so an update can check no one replaced it first.
CREATE TABLE auth_sessions (
  project             TEXT    NOT NULL,
  id                  TEXT    NOT NULL,
  type                TEXT    NOT NULL CHECK (type IN ('CREDENTIALS', 'RECORDER')),
  status              TEXT    NOT NULL CHECK (status IN ('PENDING', 'READY', 'EXPIRED', 'FAILED')),
  created_at          BIGINT  NOT NULL,
  last_checked_at     BIGINT,
  last_created_at     BIGINT,
  last_error          TEXT,
  credentials_sealed  TEXT,
  state_sealed        TEXT,
  generation          BIGINT  NOT NULL DEFAULT 0,
  last_log_json       TEXT,
  PRIMARY KEY (project, id)
);
