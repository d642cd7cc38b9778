package io.stockradar.auth.throttle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Brute-force protection for sign-in ({@code stockradar.login-throttle.*}). Every attempt counts as a
 * failure until it succeeds; failures are counted per account and per client IP within a fixed
 * {@code window} that starts with the first failure. After {@code free-failures} failures each further one
 * makes the next attempt wait {@code base-delay × 2^(n - free-failures - 1)} (at most {@code max-delay});
 * the {@code lock-after}-th failure locks for {@code lock-duration}. While waiting or locked, attempts are
 * answered 429 with {@code Retry-After} and not counted.
 * <p>
 * With the defaults (5 free, 1 s doubling, lock after 10 for 15 min, 1 h window) one account gets at
 * most 10 + 3 failed attempts an hour, by username and e-mail address together (the lock is renewed by the first failure after it ends), far
 * below ASVS 4.0.3 V2.2.1's 100; {@code lock-after} above 100 is refused at startup.
 *
 * @param window              how long failures are remembered, from the first one
 * @param account             the policy per account (its username and e-mail address count together; a
 *                            name naming no account counts alone, by the same policy)
 * @param ip                  the policy per client IP (credential stuffing across many names)
 * @param redisRetryInterval  after a Redis error, how long this instance uses its in-memory fallback
 *                            before trying Redis again
 * @param localMaxEntries     bound of the in-memory fallback's table
 */
@ConfigurationProperties("stockradar.login-throttle")
public record LoginThrottleProperties(
        @DefaultValue("1h") Duration window,
        @DefaultValue Policy account,
        @DefaultValue Policy ip,
        @DefaultValue("5s") Duration redisRetryInterval,
        @DefaultValue("100000") int localMaxEntries) {

    /** ASVS 4.0.3 V2.2.1: no more than 100 failed attempts per hour per account. */
    static final int ASVS_MAX_FAILURES_PER_HOUR = 100;

    public LoginThrottleProperties {
        positive("window", window);
        positive("redis-retry-interval", redisRetryInterval);
        if (account.lockAfter() > ASVS_MAX_FAILURES_PER_HOUR) {
            throw new IllegalArgumentException("stockradar.login-throttle.account.lock-after must be at most "
                    + ASVS_MAX_FAILURES_PER_HOUR + " (ASVS V2.2.1)");
        }
        if (localMaxEntries < 1_000) {
            throw new IllegalArgumentException("stockradar.login-throttle.local-max-entries must be at least 1000");
        }
    }

    /**
     * @param freeFailures failures before any delay
     * @param baseDelay    the delay after the first failure beyond {@code freeFailures}; doubles each time
     * @param maxDelay     cap of that delay
     * @param lockAfter    the failure count that locks
     * @param lockDuration how long a lock lasts
     */
    public record Policy(
            @DefaultValue("5") int freeFailures,
            @DefaultValue("1s") Duration baseDelay,
            @DefaultValue("5m") Duration maxDelay,
            @DefaultValue("10") int lockAfter,
            @DefaultValue("15m") Duration lockDuration) {

        public Policy {
            if (freeFailures < 0 || lockAfter < 1 || lockAfter <= freeFailures) {
                throw new IllegalArgumentException("login throttle: need 0 <= free-failures < lock-after");
            }
            positive("base-delay", baseDelay);
            positive("max-delay", maxDelay);
            positive("lock-duration", lockDuration);
        }

        /** How long the attempt after the {@code failures}-th failure has to wait; zero for none. */
        long delayMillis(long failures) {
            if (failures >= lockAfter) {
                return lockDuration.toMillis();
            }
            if (failures <= freeFailures) {
                return 0;
            }
            long doublings = Math.min(failures - freeFailures - 1, 40);
            double delay = baseDelay.toMillis() * Math.pow(2, doublings);
            return (long) Math.min(delay, maxDelay.toMillis());
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("stockradar.login-throttle." + name + " must be positive");
        }
    }
}
