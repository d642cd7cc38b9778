-- Tombstones of runs their user deleted (DELETE /api/history/runs/{runId}). The analysis-completed event
-- of a deleted run can still arrive later: a Kafka redelivery (the offset was not committed yet), a
-- replay from the dead-letter topic, a producer re-publishing from its outbox. The consumer drops every
-- event whose run_id is here, so a deleted run never comes back. run_id is the key because it is what
-- every copy of a run's event shares (a redelivery also has the same event_id; a conflicting
-- re-publication has a new event_id and the same run_id).
--
-- Accounts deleted through stockradar.user-deleted.v1 are tombstoned as a whole in deleted_user (V1);
-- their per-run tombstones are removed then, the account's covers them.
--
-- How long: both kinds of tombstone are purged by the retention job once older than the retention period
-- (stockradar.history.retention, 730 days by default), the same horizon after which the run itself would
-- have been purged. This assumes, and the deployment must guarantee, that the Kafka retention of
-- stockradar.analysis-completed.v1 and of its .dlt is shorter than that period.
CREATE TABLE deleted_run (
    run_id     uuid        PRIMARY KEY,
    user_id    text        NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX deleted_run_user_idx ON deleted_run (user_id);
CREATE INDEX deleted_run_deleted_at_idx ON deleted_run (deleted_at);
CREATE INDEX deleted_user_deleted_at_idx ON deleted_user (deleted_at);
