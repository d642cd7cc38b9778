-- Forward returns of stored picks, filled by the scorecard job. One row per (pick, horizon) once the
-- symbol's own series reaches `horizon` trading days after the analysis date; a horizon that is not
-- reached yet (the pick is too recent) or cannot be computed has NO row, so it stays out of every
-- statistic instead of counting as zero. Returns are fractions (0.0123 = +1.23 %):
--   stock_return     = close(entry + horizon trading days) / close(entry) - 1, entry = the last close on or
--                      before the run's data_as_of (no look-ahead)
--   benchmark_return = the same for ^KS11 (KR symbols) or ^GSPC (US), closes on or before the same dates
--   excess_return    = stock_return - benchmark_return
-- The rows go with their result (a deleted run, a purged run, an erased user).
CREATE TABLE pick_outcome (
    run_id           uuid             NOT NULL,
    rank             integer          NOT NULL,
    horizon          integer          NOT NULL CHECK (horizon > 0),
    entry_date       date             NOT NULL,
    exit_date        date             NOT NULL CHECK (exit_date > entry_date),
    stock_return     double precision NOT NULL,
    benchmark_return double precision NOT NULL,
    excess_return    double precision NOT NULL,
    computed_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, rank, horizon),
    FOREIGN KEY (run_id, rank) REFERENCES analysis_result (run_id, rank) ON DELETE CASCADE
);

-- The retention purge deletes runs older than the retention period, oldest first.
CREATE INDEX analysis_run_created_idx ON analysis_run (created_at);
