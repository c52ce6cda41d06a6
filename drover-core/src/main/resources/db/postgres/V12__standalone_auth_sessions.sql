-- The AuthSession a standalone Run logs in with ({"id", "checkAttempts", "createAttempts"}, as a
-- Job's authSession), or NULL. Runs of a JobRun take theirs from the JobRun's configuration.
ALTER TABLE runs ADD COLUMN auth_session_json TEXT;
