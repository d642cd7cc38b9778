package io.stockradar.marketdata.dart;

import io.stockradar.marketdata.upstream.Deadline;

/** Permits for OpenDART requests; every request to DART takes one first. */
interface DartRateLimiter {

    /**
     * Waits in line for a permit, at most until {@code deadline}.
     *
     * @throws io.stockradar.marketdata.provider.UpstreamUnavailableException (503 with Retry-After) when no permit
     *         comes in time or the daily budget is spent
     */
    void acquire(Deadline deadline);
}
