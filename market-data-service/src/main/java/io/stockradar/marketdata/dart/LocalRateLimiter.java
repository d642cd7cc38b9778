package io.stockradar.marketdata.dart;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A GCRA (virtual scheduling) limiter in memory: permits are spaced {@code interval} apart and handed out
 * in arrival order; a caller reserves the next free slot if it is no further away than it may wait. Any
 * half-open window of length {@code k x interval} therefore holds at most {@code k} slots.
 * Plus a daily count (days in Korea's zone, where DART's day is). Thread-safe.
 */
final class LocalRateLimiter {

    static final ZoneId DART_ZONE = ZoneId.of("Asia/Seoul");

    private final long intervalNanos;
    private final int perDay;
    private final Clock clock;
    private long theoreticalArrival;
    private LocalDate day;
    private int usedToday;

    LocalRateLimiter(Duration interval, int perDay, Clock clock) {
        this.intervalNanos = interval.toNanos();
        this.perDay = perDay;
        this.clock = clock;
        this.theoreticalArrival = System.nanoTime();
    }

    /** Outcome of one reservation attempt. */
    sealed interface Grant permits Granted, TooFar, DayExhausted {
    }

    /** A slot is reserved; the caller waits {@code wait} and then goes. */
    record Granted(Duration delay) implements Grant {
    }

    /** The next free slot is {@code wait} away, more than the caller may wait. */
    record TooFar(Duration delay) implements Grant {
    }

    record DayExhausted(Duration untilTomorrow) implements Grant {
    }

    synchronized Grant reserve(Duration maxWait) {
        LocalDate today = LocalDate.now(clock.withZone(DART_ZONE));
        if (!today.equals(day)) {
            day = today;
            usedToday = 0;
        }
        if (usedToday >= perDay) {
            return new DayExhausted(untilTomorrow());
        }
        long now = System.nanoTime();
        long slot = Math.max(theoreticalArrival, now);
        long wait = slot - now;
        if (wait > maxWait.toNanos()) {
            return new TooFar(Duration.ofNanos(wait));
        }
        theoreticalArrival = slot + intervalNanos;
        usedToday++;
        return new Granted(Duration.ofNanos(wait));
    }

    /** No permit before {@code delay} from now (cool-down when this limiter takes over from another). */
    synchronized void holdFor(Duration delay) {
        theoreticalArrival = Math.max(theoreticalArrival, System.nanoTime() + delay.toNanos());
    }

    Duration untilTomorrow() {
        var now = clock.instant().atZone(DART_ZONE);
        return Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(DART_ZONE));
    }
}
