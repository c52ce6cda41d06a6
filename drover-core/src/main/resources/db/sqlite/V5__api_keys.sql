-- API keys. Only the SHA-256 of a key is kept (hex): the key itself is shown once, when it is
-- made. An ADMIN key may do everything; a PROJECT key only what belongs to its project.
CREATE TABLE api_keys (
  id           TEXT    NOT NULL PRIMARY KEY,
  key_hash     TEXT    NOT NULL UNIQUE,
  scope        TEXT    NOT NULL CHECK (scope IN ('ADMIN', 'PROJECT')),
  project      TEXT,
  name         TEXT,
  created_at   INTEGER NOT NULL,
  CHECK ((scope = 'ADMIN' AND project IS NULL) OR (scope = 'PROJECT' AND project IS NOT NULL))
);
