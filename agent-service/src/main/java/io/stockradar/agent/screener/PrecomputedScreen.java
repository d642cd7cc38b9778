package io.stockradar.agent.screener;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A default universe screened on one data date: every member with data analysed, unranked.
 *
 * @param results one unranked result per analysed member (rank 0)
 */
record PrecomputedScreen(String universe, LocalDate dataAsOf, String source, RunRegime regime, List<RunResult> results,
                         List<String> missing, String computedBy, Instant computedAt) {
}
