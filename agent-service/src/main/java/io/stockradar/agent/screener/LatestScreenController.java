package io.stockradar.agent.screener;

import io.stockradar.common.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The latest precomputed screen of a default universe, ranked on request; no run is created. */
@RestController
class LatestScreenController {

    private final PrecomputedScreenRepository screens;

    LatestScreenController(PrecomputedScreenRepository screens) {
        this.screens = screens;
    }

    @Operation(summary = "The latest precomputed screen of KOSPI200, KOSDAQ150 or SP500 (default sort and limit unless given)")
    @GetMapping("/api/screener/latest")
    LatestScreenResponse latest(@RequestParam String universe, @RequestParam(required = false) String sort,
                                @RequestParam(required = false) Integer limit) {
        ScreenerRunRequest request = ScreenerRunRequestValidator.validate(
                new ScreenerRunRequest(universe, null, null, sort, limit));
        PrecomputedScreen screen = screens.latest(request.universe())
                .orElseThrow(() -> ApiProblem.notFound("No precomputed screen of " + request.universe() + " yet"));
        return new LatestScreenResponse(screen.universe(), screen.dataAsOf(), screen.source(), screen.regime(),
                screen.computedAt(), request, screen.results().size(), RunRanking.rank(screen.results(), request),
                screen.missing());
    }

    /** @param analysed members analysed; {@code results} holds the best {@code request.limit} of them */
    record LatestScreenResponse(String universe, LocalDate dataAsOf, String source, RunRegime regime, Instant computedAt,
                                ScreenerRunRequest request, int analysed, List<RunResult> results, List<String> missing) {
    }
}
