-- When the oldest chunk analysis still running on the instance started (database clock), NULL when none runs.
-- A run's owner analyses its waiting chunks itself only when a consumer is gone or hangs (busy for long), not
-- when the consumers are merely working through a backlog (bench/screener/README.md, "Burst").
ALTER TABLE agent_instance ADD COLUMN busy_since TIMESTAMPTZ;
