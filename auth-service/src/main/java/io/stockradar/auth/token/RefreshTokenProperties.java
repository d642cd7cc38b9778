package io.stockradar.auth.token;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param ttl how long a refresh token can be exchanged; each rotation starts a new period */
@ConfigurationProperties("stockradar.refresh-token")
record RefreshTokenProperties(@DefaultValue("30d") Duration ttl) {

    RefreshTokenProperties {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("stockradar.refresh-token.ttl must be positive");
        }
    }
}
