package io.stockradar.marketdata.upstream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full-range jitter: attempt n waits {@code initial * multiplier^(n-1)} capped at
 * {@code max}, scaled by a random factor in {@code [1 - jitter, 1 + jitter]} so that instances rate-limited
 * together do not retry together.
 *
 * @param maxAttempts calls in total, the first included
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter, int maxAttempts) {

    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1.0 || jitter < 0 || jitter >= 1
                || maxAttempts < 1) {
            throw new IllegalArgumentException("Invalid backoff " + initial + ".." + max + " x" + multiplier
                    + " ±" + jitter + " attempts " + maxAttempts);
        }
    }

    /** The wait before retry number {@code retry} (1 = after the first failed call). */
    public Duration delay(int retry) {
        double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(multiplier, retry - 1));
        double factor = 1.0 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.round(base * factor));
    }

    /** Sleeps for {@code delay}; an interrupt is restored and reported as an unavailable upstream by the caller. */
    public static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
