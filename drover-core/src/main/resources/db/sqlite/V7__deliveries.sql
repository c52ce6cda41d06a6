-- Deliveries: one per finished Run of a JobRun whose Job has a sink, written in the same
-- transaction as the Run's outcome. The id is derived from the Run's id, so it stays the same
-- across tries and redeliveries. node is set while a node is sending it (in flight).
CREATE TABLE deliveries (
  id           TEXT    NOT NULL PRIMARY KEY,
  project      TEXT    NOT NULL,
  run_id       TEXT    NOT NULL,
  job_run_id   TEXT    NOT NULL,
  api_name     TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
  body_json    TEXT    NOT NULL,
  tries        INTEGER NOT NULL DEFAULT 0,
  next_try_at  INTEGER NOT NULL,
  node         TEXT,
  last_error   TEXT,
  created_at   INTEGER NOT NULL,
  ended_at     INTEGER
);

-- The deliverer claims due PENDING deliveries nobody holds.
CREATE INDEX deliveries_due ON deliveries (next_try_at) WHERE status = 'PENDING' AND node IS NULL;
CREATE INDEX deliveries_by_job_run ON deliveries (job_run_id, status, id);
CREATE INDEX deliveries_by_run ON deliveries (run_id);
CREATE INDEX deliveries_in_flight ON deliveries (node) WHERE node IS NOT NULL;

-- Every try: when, how long, the HTTP status or the error.
CREATE TABLE delivery_tries (
  delivery_id  TEXT    NOT NULL REFERENCES deliveries (id),
  number       INTEGER NOT NULL,
  started_at   INTEGER NOT NULL,
  duration_ms  INTEGER NOT NULL,
  status_code  INTEGER,
  error        TEXT,
  PRIMARY KEY (delivery_id, number)
);
