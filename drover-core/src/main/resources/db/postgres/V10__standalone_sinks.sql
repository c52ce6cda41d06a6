-- PostgreSQL dialect of db/sqlite/V10__standalone_sinks.sql.
-- A standalone Run may have a sink of its own (a JobRun's Runs use their JobRun's): the sink as
-- stored in a Job document, its secrets sealed.
ALTER TABLE runs ADD COLUMN sink_json TEXT;

-- The delivery of a standalone Run has no JobRun.
ALTER TABLE deliveries ALTER COLUMN job_run_id DROP NOT NULL;
