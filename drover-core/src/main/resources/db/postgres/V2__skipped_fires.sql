-- PostgreSQL dialect of db/sqlite/V2__skipped_fires.sql.
-- Fires of a Job's schedule that started no JobRun, with the reason. The newest few per Job are
-- kept (the store drops older ones as it records new ones); they go when their Job is deleted.
CREATE TABLE skipped_fires (
  id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project      TEXT    NOT NULL,
  job_id       TEXT    NOT NULL,
  nominal_at   BIGINT  NOT NULL,
  recorded_at  BIGINT  NOT NULL,
  reason       TEXT    NOT NULL
);

-- A Job's skips newest first (id grows with every insert), and trimming them.
CREATE INDEX skipped_fires_by_job ON skipped_fires (project, job_id, id);
