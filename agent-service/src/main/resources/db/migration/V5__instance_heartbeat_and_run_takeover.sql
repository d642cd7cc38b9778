-- Instance liveness: each agent-service process keeps its row's last_seen_at fresh (database clock). A run is
-- owned by screener_run.accepted_by; when that instance's row is stale or missing, or the instance restarted
-- after it took the run (started_at > owned_since), a survivor takes the run over and finishes it.
CREATE TABLE agent_instance (
    instance_id   TEXT        PRIMARY KEY,
    started_at    TIMESTAMPTZ NOT NULL,      -- start of the process now using this id
    last_seen_at  TIMESTAMPTZ NOT NULL
);

ALTER TABLE screener_run ADD COLUMN owned_since TIMESTAMPTZ;   -- when accepted_by took the run (accepted, taken over)
ALTER TABLE screener_run ADD COLUMN progress_at TIMESTAMPTZ;   -- last prepared / chunk stored: a stalled run is rescued
UPDATE screener_run SET owned_since = created_at;
ALTER TABLE screener_run ALTER COLUMN owned_since SET NOT NULL;

-- every sweep looks only at unfinished runs
CREATE INDEX screener_run_unfinished_idx ON screener_run (accepted_by) WHERE status IN ('QUEUED', 'RUNNING');

-- a rescued run's chunk definitions are read back from their outbox rows (key = run id)
CREATE INDEX outbox_event_screen_chunk_idx ON outbox_event (message_key) WHERE topic = 'stockradar.screen-requested.v1';
