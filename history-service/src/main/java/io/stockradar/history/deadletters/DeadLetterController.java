package io.stockradar.history.deadletters;

import io.stockradar.common.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator tools; {@code /api/history/admin/**} requires role ADMIN (see the security configuration). */
@RestController
class DeadLetterController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final DeadLetterReplayer replayer;

    DeadLetterController(DeadLetterReplayer replayer) {
        this.replayer = replayer;
    }

    @Operation(summary = "Re-publishes up to limit dead letters of analysis-completed to the main topic (ADMIN)")
    @PostMapping("/api/history/admin/dead-letters/replay")
    DeadLetterReplayResponse replay(@Parameter(description = "1..1000, default 100")
                                    @RequestParam(required = false) Integer limit) {
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        DeadLetterReplayer.Result result = replayer.replay(max);
        return new DeadLetterReplayResponse(result.replayed(), result.remaining());
    }

    /**
     * @param replayed  dead letters re-published to the main topic by this call
     * @param remaining dead letters not replayed yet (call again to continue)
     */
    record DeadLetterReplayResponse(int replayed, long remaining) {
    }
}
