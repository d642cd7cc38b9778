package io.stockradar.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How many failed authentications (401) one client address may cause per window before its requests with unproven
 * credentials are refused up front ({@code stockradar.security.failed-authentication.*},
 * {@link FailedAuthenticationLimitWebFilter}). Counted per gateway instance: the work it protects is this
 * instance's CPU and its calls to auth-service.
 *
 * @param limit  failed authentications per address and window (0 turns the limit off)
 * @param window the window, starting at an address's first failure
 */
@ConfigurationProperties("stockradar.security.failed-authentication")
public record FailedAuthenticationLimit(@DefaultValue("60") int limit, @DefaultValue("1m") Duration window) {

    public FailedAuthenticationLimit {
        if (limit < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "stockradar.security.failed-authentication: limit must not be negative and window must be positive");
        }
    }
}
