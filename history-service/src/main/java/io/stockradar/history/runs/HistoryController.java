package io.stockradar.history.runs;

import io.stockradar.common.problem.ApiProblem;
import io.stockradar.history.runs.HistoryResponses.HistoryPageResponse;
import io.stockradar.history.runs.HistoryResponses.RunDetailResponse;
import io.stockradar.history.runs.HistoryResponses.SymbolTimelineResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Consumer;

/** The calling user's analysis history. The user is always the token's {@code sub}, never a parameter. */
@RestController
@RequestMapping("/api/history")
class HistoryController {

    static final String CSV = "text/csv;charset=UTF-8";
    /** Lets Excel detect UTF-8, so Korean names are not shown as mojibake. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int WRITE_BUFFER = 32 * 1024;

    private final RunHistoryQueries queries;
    private final RunDeletion deletion;
    private final RunCsvExport export;
    private final Clock clock = Clock.systemUTC();

    HistoryController(RunHistoryQueries queries, RunDeletion deletion, RunCsvExport export) {
        this.queries = queries;
        this.deletion = deletion;
        this.export = export;
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

    @Operation(summary = "Deletes one of the caller's runs with its results and scorecard outcomes")
    @DeleteMapping("/runs/{runId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID runId) {
        if (!deletion.delete(jwt.getSubject(), runId)) {
            throw ApiProblem.notFound("No run " + runId + " in your history");
        }
    }

    @Operation(summary = "How the caller's runs scored one symbol, oldest first")
    @GetMapping("/symbols/{symbol}")
    SymbolTimelineResponse symbol(@AuthenticationPrincipal Jwt jwt,
                                  @Parameter(description = "e.g. 005930.KS or AAPL") @PathVariable String symbol) {
        return queries.timeline(jwt.getSubject(), HistoryQuery.symbol(symbol));
    }

    @Operation(summary = "One of the caller's runs as CSV (UTF-8 with BOM), one row per result",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv")))
    @GetMapping(value = "/runs/{runId}/export")
    void exportRun(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID runId, HttpServletResponse response)
            throws IOException {
        if (!export.owns(jwt.getSubject(), runId)) {
            throw ApiProblem.notFound("No run " + runId + " in your history");
        }
        stream(response, "stockradar-run-" + runId + ".csv", out -> export.writeRun(jwt.getSubject(), runId, out));
    }

    @Operation(summary = "Every run the history filters select as CSV (UTF-8 with BOM), one row per result",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv")))
    @GetMapping(value = "/export")
    void exportHistory(@AuthenticationPrincipal Jwt jwt,
                       @RequestParam(required = false) String symbol,
                       @RequestParam(required = false) String grade,
                       @RequestParam(required = false) String universe,
                       @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to,
                       HttpServletResponse response) throws IOException {
        HistoryQuery query = HistoryQuery.parse(jwt.getSubject(), symbol, grade, universe, from, to, null, null);
        String name = "stockradar-history-" + LocalDate.now(clock) + ".csv";
        stream(response, name, out -> export.writeHistory(query, out));
    }

    /** Headers first, then the BOM and the rows as the database cursor yields them. */
    private static void stream(HttpServletResponse response, String filename, Consumer<Writer> rows)
            throws IOException {
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(CSV);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(filename).build().toString());
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                WRITE_BUFFER);
        out.write(BYTE_ORDER_MARK);
        rows.accept(out);
        out.flush();
    }
}
