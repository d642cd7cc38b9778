package io.stockradar.agent.screener;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A run as stored in {@code screener_run}.
 *
 * @param chunkCount chunks published for the run; {@code null} until it was prepared
 */
record ScreenerRun(UUID id, String userId, RunStatus status, String universe, ScreenerRunRequest request,
                   int done, int total, Integer chunkCount, String phase, List<RunResult> results, RunRegime regime, LocalDate dataAsOf,
                   String source, String error, List<String> missing, Instant createdAt, Instant startedAt,
                   Instant completedAt) {
}
