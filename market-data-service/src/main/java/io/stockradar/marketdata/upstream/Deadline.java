package io.stockradar.marketdata.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The moment by which a caller needs its answer; waits (backoff, queueing) never run past it. */
public record Deadline(Instant at, Clock clock) {

    public static Deadline in(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** True if waiting {@code wait} still leaves time before the deadline. */
    public boolean allows(Duration wait) {
        return remaining().compareTo(wait) > 0;
    }

    public boolean expired() {
        return remaining().isZero();
    }
}
