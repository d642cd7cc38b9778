package io.stockradar.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The revoked-token check ({@code stockradar.security.revocation.*}, see {@link RevokedTokens}).
 *
 * @param enabled whether every JWT-authenticated request is checked against auth-service's revocation marks
 * @param timeout how long the check waits for Redis before it lets the request pass (fail open)
 */
@ConfigurationProperties("stockradar.security.revocation")
record RevocationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100ms") Duration timeout) {

    RevocationProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("stockradar.security.revocation.timeout must be positive");
        }
    }
}
