-- Screener runs: one row per run, owned by the user who started it (JWT sub).
CREATE TABLE screener_run (
    id               UUID PRIMARY KEY,
    user_id          TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    universe         TEXT        NOT NULL,           -- KOSPI200 | KOSDAQ150 | SP500 | CUSTOM
    request          JSONB       NOT NULL,           -- the normalized request as accepted
    progress_done    INT         NOT NULL DEFAULT 0,
    progress_total   INT         NOT NULL DEFAULT 0,
    phase            TEXT        NOT NULL,
    results          JSONB,                          -- ranked results, set on completion
    missing          JSONB,                          -- requested symbols without market data
    regime           JSONB,                          -- the primary market's regime at analysis time
    data_as_of       DATE,
    source           TEXT,
    error            TEXT,
    accepted_by      TEXT        NOT NULL,           -- instance that accepted the run and alone executes it
    created_at       TIMESTAMPTZ NOT NULL,
    started_at       TIMESTAMPTZ,
    completed_at     TIMESTAMPTZ
);

CREATE INDEX screener_run_user_created_idx ON screener_run (user_id, created_at DESC);

-- Transactional outbox: written in the same transaction as the run's completion, relayed to Kafka.
CREATE TABLE outbox_event (
    id               UUID PRIMARY KEY,               -- = the event's eventId
    topic            TEXT        NOT NULL,
    message_key      TEXT        NOT NULL,
    payload          TEXT        NOT NULL,           -- the event as JSON, sent byte for byte
    created_at       TIMESTAMPTZ NOT NULL,
    published_at     TIMESTAMPTZ,
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_error       TEXT
);

CREATE INDEX outbox_event_pending_idx ON outbox_event (next_attempt_at) WHERE published_at IS NULL;
