-- PostgreSQL dialect of db/sqlite/V6__nodes.sql.
-- Nodes and their leases: the Drover processes that share the database (one, on SQLite).
-- A node is UP while it heart-beats; its RUNNING attempts are taken back when it is not.
CREATE TABLE nodes (
  -- New for every start of a process; name stays the same across restarts.
  id            TEXT    NOT NULL PRIMARY KEY,
  name          TEXT    NOT NULL,
  host          TEXT    NOT NULL,
  -- Where clients are sent for what only this node has (attempt artifacts); NULL: nowhere.
  url           TEXT,
  version       TEXT    NOT NULL,
  slots         INTEGER NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('UP', 'LOST', 'STOPPED')),
  started_at    BIGINT  NOT NULL,
  heartbeat_at  BIGINT  NOT NULL,
  ended_at      BIGINT
);

-- Reapers look for UP nodes whose heartbeat lapsed; a joining node for its earlier incarnations.
CREATE INDEX nodes_up ON nodes (heartbeat_at) WHERE status = 'UP';
CREATE INDEX nodes_by_name ON nodes (name, started_at);

-- The node holding (or that held) the attempt. NULL for attempts made before nodes existed.
ALTER TABLE attempts ADD COLUMN node TEXT;

-- Each node polls for the attempts it still holds (cancellations made on other nodes).
CREATE INDEX attempts_running_by_node ON attempts (node) WHERE status = 'RUNNING';
