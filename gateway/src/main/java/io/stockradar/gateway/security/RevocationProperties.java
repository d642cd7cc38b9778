package io.stockradar.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The revoked-token check ({@code stockradar.security.revocation.*}, see {@link RevokedTokens}).
 *
 * @param enabled whether every JWT-authenticated request is checked against auth-service's revocation marks
 * @param timeout how long the check waits for a connected Redis before the request is refused with 503 (a
 *                disconnected Redis fails open at once, see {@link RevokedTokens})
 */
@ConfigurationProperties("stockradar.security.revocation")
record RevocationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration timeout) {

    RevocationProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("stockradar.security.revocation.timeout must be positive");
        }
    }
}
