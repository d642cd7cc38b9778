package io.stockradar.history.runs;

import io.stockradar.common.problem.ApiProblem;
import io.stockradar.history.runs.HistoryResponses.HistoryPageResponse;
import io.stockradar.history.runs.HistoryResponses.RunDetailResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The calling user's analysis history. The user is always the token's {@code sub}, never a parameter. */
@RestController
@RequestMapping("/api/history")
class HistoryController {

    private final RunHistoryQueries queries;

    HistoryController(RunHistoryQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "The caller's runs, newest first, each with its top five results")
    @GetMapping
    HistoryPageResponse history(
            @AuthenticationPrincipal Jwt jwt,
            @Parameter(description = "only runs that ranked this symbol, e.g. 005930.KS")
            @RequestParam(required = false) String symbol,
            @Parameter(description = "only runs with a result of this grade (A-F); with symbol: that symbol's grade")
            @RequestParam(required = false) String grade,
            @Parameter(description = "only runs over this universe, e.g. KOSPI200")
            @RequestParam(required = false) String universe,
            @Parameter(description = "recorded at or after: 2026-11-01 (UTC day) or 2026-11-01T09:00:00+09:00")
            @RequestParam(required = false) String from,
            @Parameter(description = "recorded before: a date includes that whole UTC day")
            @RequestParam(required = false) String to,
            @Parameter(description = "page size, 1..100, default 20")
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page")
            @RequestParam(required = false) String cursor) {
        return queries.page(HistoryQuery.parse(jwt.getSubject(), symbol, grade, universe, from, to, limit, cursor));
    }

    @Operation(summary = "One of the caller's runs with all of its results")
    @GetMapping("/runs/{runId}")
    RunDetailResponse run(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID runId) {
        return queries.run(jwt.getSubject(), runId)
                .orElseThrow(() -> ApiProblem.notFound("No run " + runId + " in your history"));
    }
}
