-- Nightly (and startup) precomputed screens of the default universes: every member analysed once with the
-- default request's pre-filters (none), kept per universe and data date. A run for such a universe whose
-- filters need no stock data (none, or minScore only) is ranked from here and completes at once.
CREATE TABLE screener_precomputed (
    universe     TEXT        NOT NULL,
    data_as_of   DATE        NOT NULL,
    source       TEXT        NOT NULL,
    regime       JSONB       NOT NULL,   -- the market's regime on that data
    results      JSONB       NOT NULL,   -- unranked analyses of every member with data
    missing      JSONB       NOT NULL,   -- members without data
    computed_by  TEXT        NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (universe, data_as_of)
);
