-- A standalone Run may have a sink of its own (a JobRun's Runs use their JobRun's): the sink as
-- stored in a Job document, its secrets sealed.
ALTER TABLE runs ADD COLUMN sink_json TEXT;

-- The delivery of a standalone Run has no JobRun: job_run_id becomes nullable. SQLite cannot drop
-- a NOT NULL, so both tables are rebuilt (delivery_tries references deliveries) and renamed back.
CREATE TABLE deliveries_v10 (
  id           TEXT    NOT NULL PRIMARY KEY,
  project      TEXT    NOT NULL,
  run_id       TEXT    NOT NULL,
  job_run_id   TEXT,
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
INSERT INTO deliveries_v10 (id, project, run_id, job_run_id, api_name, status, body_json, tries,
                            next_try_at, node, last_error, created_at, ended_at)
  SELECT id, project, run_id, job_run_id, api_name, status, body_json, tries, next_try_at, node,
         last_error, created_at, ended_at
  FROM deliveries;

CREATE TABLE delivery_tries_v10 (
  delivery_id  TEXT    NOT NULL REFERENCES deliveries_v10 (id),
  number       INTEGER NOT NULL,
  started_at   INTEGER NOT NULL,
  duration_ms  INTEGER NOT NULL,
  status_code  INTEGER,
  error        TEXT,
  PRIMARY KEY (delivery_id, number)
);
INSERT INTO delivery_tries_v10 (delivery_id, number, started_at, duration_ms, status_code, error)
  SELECT delivery_id, number, started_at, duration_ms, status_code, error FROM delivery_tries;

DROP TABLE delivery_tries;
DROP TABLE deliveries;
-- Renaming updates the reference in delivery_tries_v10 to the new name.
ALTER TABLE deliveries_v10 RENAME TO deliveries;
ALTER TABLE delivery_tries_v10 RENAME TO delivery_tries;

CREATE INDEX deliveries_due ON deliveries (next_try_at) WHERE status = 'PENDING' AND node IS NULL;
CREATE INDEX deliveries_by_job_run ON deliveries (job_run_id, status, id);
CREATE INDEX deliveries_by_run ON deliveries (run_id);
CREATE INDEX deliveries_in_flight ON deliveries (node) WHERE node IS NOT NULL;
