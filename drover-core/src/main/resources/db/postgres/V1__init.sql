-- Drover schema, PostgreSQL dialect of db/sqlite/V1__init.sql (same tables, columns and indexes).
-- Times are epoch milliseconds (BIGINT). Statuses are enum names.

CREATE TABLE jobs (
  project       TEXT    NOT NULL,
  id            TEXT    NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED')),
  config_json   TEXT    NOT NULL,
  payload_id    TEXT    NOT NULL,
  payload_size  BIGINT  NOT NULL,
  version       BIGINT  NOT NULL,
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL,
  next_fire_at  BIGINT,
  PRIMARY KEY (project, id)
);

-- The scheduler looks for due Jobs.
CREATE INDEX jobs_next_fire ON jobs (next_fire_at) WHERE next_fire_at IS NOT NULL;

-- A Job's payload as the user wrote it; a new payload_id per save, so a replace never mixes items.
CREATE TABLE payload_items (
  payload_id        TEXT    NOT NULL,
  seq               BIGINT  NOT NULL,
  api_name          TEXT    NOT NULL,
  parameters_json   TEXT    NOT NULL,
  maximum_attempts  INTEGER,
  request_timeout   INTEGER,
  PRIMARY KEY (payload_id, seq)
);

-- No foreign key to jobs: JobRuns outlive their Job.
CREATE TABLE job_runs (
  id                           TEXT    NOT NULL PRIMARY KEY,
  project                      TEXT    NOT NULL,
  job_id                       TEXT    NOT NULL,
  status                       TEXT    NOT NULL
      CHECK (status IN ('RUNNING', 'PAUSED', 'COMPLETED', 'TERMINATED', 'CANCELED')),
  trigger_type                 TEXT    NOT NULL CHECK (trigger_type IN ('MANUAL', 'SCHEDULED')),
  config_json                  TEXT    NOT NULL,
  maximum_concurrent_requests  INTEGER NOT NULL,
  maximum_attempts             INTEGER NOT NULL,
  request_timeout              INTEGER NOT NULL,
  next_seq                     BIGINT  NOT NULL,
  created_at                   BIGINT  NOT NULL,
  started_at                   BIGINT,
  ended_at                     BIGINT,
  reason                       TEXT
);

-- A Job's JobRuns newest first (ids are time-ordered).
CREATE INDEX job_runs_by_job ON job_runs (project, job_id, id);
-- At most one active JobRun per Job, whatever the application code does.
CREATE UNIQUE INDEX job_runs_one_active ON job_runs (project, job_id)
  WHERE status IN ('RUNNING', 'PAUSED');
-- The dispatcher scans RUNNING JobRuns only.
CREATE INDEX job_runs_running ON job_runs (id) WHERE status = 'RUNNING';

-- job_run_id and job_id are NULL for standalone Runs.
CREATE TABLE runs (
  id                TEXT    NOT NULL PRIMARY KEY,
  project           TEXT    NOT NULL,
  job_run_id        TEXT    REFERENCES job_runs (id),
  job_id            TEXT,
  seq               BIGINT  NOT NULL,
  api_name          TEXT    NOT NULL,
  parameters_json   TEXT    NOT NULL,
  status            TEXT    NOT NULL
      CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED')),
  maximum_attempts  INTEGER NOT NULL,
  request_timeout   INTEGER NOT NULL,
  attempt_count     INTEGER NOT NULL DEFAULT 0,
  attempts_used     INTEGER NOT NULL DEFAULT 0,
  due_at            BIGINT  NOT NULL,
  result_json       TEXT,
  error             TEXT,
  created_at        BIGINT  NOT NULL,
  started_at        BIGINT,
  ended_at          BIGINT
);

-- Listing a JobRun's Runs by seq.
CREATE UNIQUE INDEX runs_by_seq ON runs (job_run_id, seq);
-- Counting by status, listing one status by seq, counting RUNNING Runs of a group.
CREATE INDEX runs_by_status ON runs (job_run_id, status, seq);
-- Listing one API's Runs by seq (an API with few Runs among many would otherwise scan them all).
CREATE INDEX runs_by_api ON runs (job_run_id, api_name, seq);
-- Claiming: due PENDING Runs of a group in due order. Partial, so it shrinks as Runs finish.
CREATE INDEX runs_due ON runs (job_run_id, due_at, seq) WHERE status = 'PENDING';

CREATE TABLE attempts (
  run_id      TEXT    NOT NULL REFERENCES runs (id),
  number      INTEGER NOT NULL,
  status      TEXT    NOT NULL
      CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELED', 'ABANDONED')),
  started_at  BIGINT  NOT NULL,
  ended_at    BIGINT,
  error       TEXT,
  PRIMARY KEY (run_id, number)
);

-- Recovery and cancellation find the RUNNING attempts.
CREATE INDEX attempts_running ON attempts (run_id) WHERE status = 'RUNNING';
