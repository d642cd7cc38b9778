package io.stockradar.auth.jwt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Service (client credentials) tokens ({@code stockradar.service-token.*}).
 *
 * @param ttl           lifetime of a service token
 * @param tokenEndpoint the token endpoint as advertised in the discovery document; defaults to
 *                      {@code <issuer>/oauth2/token}. Internal callers reach it on auth-service directly
 *                      (e.g. {@code http://auth-service:9000/oauth2/token}); the gateway does not route it.
 */
@ConfigurationProperties("stockradar.service-token")
public record ServiceTokenProperties(@DefaultValue("5m") Duration ttl, String tokenEndpoint) {

    /** {@code aud} of service tokens: accepted by internal APIs, never by the public ones ({@code stockradar-api}). */
    public static final String AUDIENCE = "stockradar-internal";

    public ServiceTokenProperties {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("stockradar.service-token.ttl must be positive");
        }
    }
}
