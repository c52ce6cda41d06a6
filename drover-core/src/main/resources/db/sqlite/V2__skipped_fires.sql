-- Fires of a Job's schedule that started no JobRun, with the reason. The newest few per Job are
-- kept (the store drops older ones as it records new ones); they go when their Job is deleted.
CREATE TABLE skipped_fires (
  id           INTEGER NOT NULL PRIMARY KEY,
  project      TEXT    NOT NULL,
  job_id       TEXT    NOT NULL,
  nominal_at   INTEGER NOT NULL,
  recorded_at  INTEGER NOT NULL,
  reason       TEXT    NOT NULL
);

-- A Job's skips newest first (id grows with every insert), and trimming them.
CREATE INDEX skipped_fires_by_job ON skipped_fires (project, job_id, id);
