package io.stockradar.auth.token;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Sign-in sessions ({@code stockradar.refresh-token.*}).
 *
 * @param ttl         how long a refresh token can be exchanged; each rotation starts a new period (sliding)
 * @param absoluteTtl how long a session (a refresh-token family) lasts at most from its sign-in, however often it
 *                    was refreshed; then the user signs in again. Applies to sessions already running as well.
 */
@ConfigurationProperties("stockradar.refresh-token")
record RefreshTokenProperties(@DefaultValue("30d") Duration ttl, @DefaultValue("90d") Duration absoluteTtl) {

    RefreshTokenProperties {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("stockradar.refresh-token.ttl must be positive");
        }
        if (absoluteTtl.isNegative() || absoluteTtl.isZero()) {
            throw new IllegalArgumentException("stockradar.refresh-token.absolute-ttl must be positive");
        }
    }
}
