-- Distributed runs: the accepting instance prepares a run (total, chunk count, regime) and publishes its
-- chunks to stockradar.screen-requested.v1; any instance of the consumer group analyses a chunk and stores
-- its results here. The instance that stores the last chunk ranks them and completes the run.
ALTER TABLE screener_run ADD COLUMN chunk_count INT;   -- set when the run's chunks are published

CREATE TABLE screener_chunk_result (
    run_id        UUID        NOT NULL REFERENCES screener_run (id) ON DELETE CASCADE,
    chunk_no      INT         NOT NULL,
    symbol_count  INT         NOT NULL,                  -- symbols of the chunk (progress)
    results       JSONB       NOT NULL,                  -- unranked results of the chunk's analysed symbols
    processed_by  TEXT        NOT NULL,                  -- instance id that analysed it
    created_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT screener_chunk_result_run_chunk_uk UNIQUE (run_id, chunk_no)   -- a redelivered chunk is a no-op
);

-- Spread one key's records over partitions: the relay sends a row with a hint to partition hint % partitions.
ALTER TABLE outbox_event ADD COLUMN partition_hint INT;
