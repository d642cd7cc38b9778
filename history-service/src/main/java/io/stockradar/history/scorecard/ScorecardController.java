package io.stockradar.history.scorecard;

import io.stockradar.common.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** How past picks performed: the caller's own, or everyone's aggregated (no per-user data either way). */
@RestController
class ScorecardController {

    private final ScorecardQueries queries;
    private final ScorecardProperties properties;

    ScorecardController(ScorecardQueries queries, ScorecardProperties properties) {
        this.queries = queries;
        this.properties = properties;
    }

    @Operation(summary = "Forward returns of past picks vs their benchmark, per grade and per agent",
            description = "Hit = excess return over the benchmark (^KS11 for KR, ^GSPC for US) > 0 after 5, 20, 60 "
                    + "trading days from the analysis date's close. Picks too recent for a horizon are excluded "
                    + "from that horizon (samples), not counted as zero. byAgent: picks the agent scored at least "
                    + "agentThreshold (abstentions excluded). Returns are fractions.")
    @GetMapping("/api/history/scorecard")
    ScorecardResponse scorecard(@AuthenticationPrincipal Jwt jwt,
                                @Parameter(description = "me (default): your picks; all: every user's picks")
                                @RequestParam(defaultValue = "me") String scope) {
        return switch (scope) {
            case "me" -> queries.scorecard(jwt.getSubject(), scope, properties.agentThreshold());
            case "all" -> queries.scorecard(null, scope, properties.agentThreshold());
            default -> throw ApiProblem.badRequest("scope", "must be me or all");
        };
    }
}
