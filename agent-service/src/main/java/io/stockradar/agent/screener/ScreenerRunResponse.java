package io.stockradar.agent.screener;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code GET /api/screener/runs/{runId}}. {@code results} is empty until the run completed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScreenerRunResponse(UUID runId, RunStatus status, Progress progress, ScreenerRunRequest request,
                           List<RunResult> results, List<String> missing, RunRegime regime, LocalDate dataAsOf,
                           String source, String error, Instant createdAt, Instant startedAt, Instant completedAt,
                           Map<String, String> links) {

    static ScreenerRunResponse of(ScreenerRun run) {
        return new ScreenerRunResponse(run.id(), run.status(), new Progress(run.done(), run.total(), run.phase()),
                run.request(), run.results() == null ? List.of() : run.results(), run.missing(), run.regime(),
                run.dataAsOf(), run.source(), run.error(), run.createdAt(), run.startedAt(), run.completedAt(),
                ScreenerRunController.links(run.id()));
    }

    /** Symbols analysed so far out of the total, and the current phase. */
    record Progress(int done, int total, String phase) {
    }
}
