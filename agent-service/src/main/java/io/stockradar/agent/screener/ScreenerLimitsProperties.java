package io.stockradar.agent.screener;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code stockradar.screener.limits.*}: what one user may hold at once (issue 20, resource exhaustion). A refusal
 * is 429 {@code TOO_MANY_REQUESTS} problem+json with {@code Retry-After}.
 *
 * @param runsInFlightPerUser   the user's runs QUEUED or RUNNING at once, across all instances (counted in the
 *                              database under a per-user lock); a run answered from a precomputed screen completes
 *                              at once and is not counted
 * @param streamsPerUser        open progress streams ({@code GET /api/screener/runs/{id}/events}) of one user on
 *                              one instance, all runs together
 * @param streamsPerRun         open progress streams of one run on one instance; all of them share one database
 *                              poller
 * @param runRetryAfter         {@code Retry-After} of a refused run
 * @param streamRetryAfter      {@code Retry-After} of a refused stream
 */
@ConfigurationProperties("stockradar.screener.limits")
record ScreenerLimitsProperties(int runsInFlightPerUser, int streamsPerUser, int streamsPerRun,
                                Duration runRetryAfter, Duration streamRetryAfter) {

    ScreenerLimitsProperties {
        runsInFlightPerUser = runsInFlightPerUser <= 0 ? 3 : runsInFlightPerUser;
        streamsPerUser = streamsPerUser <= 0 ? 10 : streamsPerUser;
        streamsPerRun = streamsPerRun <= 0 ? 3 : streamsPerRun;
        runRetryAfter = runRetryAfter == null ? Duration.ofSeconds(5) : runRetryAfter;
        streamRetryAfter = streamRetryAfter == null ? Duration.ofSeconds(10) : streamRetryAfter;
    }
}
