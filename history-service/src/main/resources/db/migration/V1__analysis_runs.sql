-- One row per finished screener run, written once from stockradar.analysis-completed.v1.
-- event_id is the idempotency key: the consumer inserts with ON CONFLICT (event_id) DO NOTHING, so a
-- redelivered event is stored exactly once. run_id is unique too: a *different* event claiming an
-- already recorded run is an anomaly, rejected by the database and dead-lettered, never merged.
CREATE TABLE analysis_run (
    run_id               uuid             PRIMARY KEY,
    event_id             uuid             NOT NULL,
    user_id              text             NOT NULL,
    universe             text             NOT NULL,
    request              jsonb            NOT NULL,
    regime_market        text,
    regime               text,
    regime_volatility    text,
    regime_risk_appetite double precision,
    data_as_of           date,
    source               text,
    result_count         integer          NOT NULL CHECK (result_count >= 0),
    occurred_at          timestamptz      NOT NULL,
    created_at           timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT analysis_run_event_id_key UNIQUE (event_id)
);

-- The history list: one user's runs, newest first, keyset-paginated on (created_at, run_id).
CREATE INDEX analysis_run_user_created_idx ON analysis_run (user_id, created_at DESC, run_id DESC);

-- The ranked stocks of a run. user_id is copied from the run so per-user symbol look-ups (history
-- filter, a symbol's score timeline) need no join. agents holds each agent's vote as
-- {"technical": {"score": 80.0, "abstained": false}, ...}: the agent set can grow without a migration.
CREATE TABLE analysis_result (
    run_id    uuid             NOT NULL REFERENCES analysis_run (run_id) ON DELETE CASCADE,
    rank      integer          NOT NULL CHECK (rank >= 1),
    user_id   text             NOT NULL,
    symbol    text             NOT NULL,
    name      text,
    composite double precision NOT NULL,
    grade     text             NOT NULL,
    action    text,
    agents    jsonb            NOT NULL,
    price     double precision,
    PRIMARY KEY (run_id, rank)
);

CREATE INDEX analysis_result_user_symbol_idx ON analysis_result (user_id, symbol);

-- Users whose account was deleted (stockradar.user-deleted.v1). The two topics are not ordered
-- against each other, so an analysis event may arrive after the deletion; it is then dropped instead
-- of bringing the user's history back. Holds the opaque subject id only.
CREATE TABLE deleted_user (
    user_id    text        PRIMARY KEY,
    deleted_at timestamptz NOT NULL DEFAULT now()
);
