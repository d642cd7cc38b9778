package io.stockradar.auth.throttle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The per-address budget for sign-up ({@code stockradar.signup-throttle.*}). Every sign-up whose input is
 * valid counts, created or refused as taken alike, in a fixed {@code window} that starts with the address's
 * first one; beyond {@code per-address} of them the address is answered 429 {@code SIGNUP_THROTTLED} with
 * {@code Retry-After} (the rest of the window) until the window ends. A 409 for a taken name tells whether
 * it exists, so this bounds how fast one address can enumerate names: with the defaults 10 an hour, where
 * the gateway's route limit alone allows 10 a second.
 * <p>
 * The state is in Redis (shared by every instance); while Redis is unavailable each instance counts in
 * memory (retried after the login throttle's {@code redis-retry-interval}).
 *
 * @param perAddress      sign-ups with valid input one client address may send per window
 * @param window          how long an address's count lasts, from its first sign-up
 * @param localMaxEntries bound of the in-memory fallback's table
 */
@ConfigurationProperties("stockradar.signup-throttle")
public record SignupThrottleProperties(
        @DefaultValue("10") int perAddress,
        @DefaultValue("1h") Duration window,
        @DefaultValue("100000") int localMaxEntries) {

    public SignupThrottleProperties {
        if (perAddress < 1) {
            throw new IllegalArgumentException("stockradar.signup-throttle.per-address must be at least 1");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("stockradar.signup-throttle.window must be positive");
        }
        if (localMaxEntries < 1_000) {
            throw new IllegalArgumentException("stockradar.signup-throttle.local-max-entries must be at least 1000");
        }
    }
}
