package io.stockradar.auth.apikey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Personal API keys ({@code stockradar.api-keys.*}).
 *
 * @param maxPerAccount      keys one account may hold at once; creating one more is a 409
 * @param tokenTtl           lifetime of the access token an exchanged key yields (at most 15 min: the gateway
 *                           caches it, and revoking a key takes effect once the tokens already issued expire)
 * @param lastUsedResolution {@code lastUsedAt} is written at most this often per key
 * @param defaultTtl         how long a key works when its creator names no lifetime ({@code expiresInDays})
 * @param maxTtl             the longest lifetime a creator may ask for; whole days, at least one
 */
@ConfigurationProperties("stockradar.api-keys")
record ApiKeyProperties(
        @DefaultValue("10") int maxPerAccount,
        @DefaultValue("5m") Duration tokenTtl,
        @DefaultValue("1m") Duration lastUsedResolution,
        @DefaultValue("90d") Duration defaultTtl,
        @DefaultValue("365d") Duration maxTtl) {

    private static final Duration MAX_TOKEN_TTL = Duration.ofMinutes(15);

    ApiKeyProperties {
        if (maxTtl.compareTo(Duration.ofDays(1)) < 0 || !maxTtl.equals(Duration.ofDays(maxTtl.toDays()))) {
            throw new IllegalArgumentException("stockradar.api-keys.max-ttl must be a whole number of days, at least 1d");
        }
        if (defaultTtl.isNegative() || defaultTtl.isZero() || defaultTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("stockradar.api-keys.default-ttl must be positive and at most max-ttl");
        }
        if (maxPerAccount < 1 || maxPerAccount > 1000) {
            throw new IllegalArgumentException("stockradar.api-keys.max-per-account must be between 1 and 1000");
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero() || tokenTtl.compareTo(MAX_TOKEN_TTL) > 0) {
            throw new IllegalArgumentException("stockradar.api-keys.token-ttl must be positive and at most " + MAX_TOKEN_TTL);
        }
        if (lastUsedResolution.isNegative()) {
            throw new IllegalArgumentException("stockradar.api-keys.last-used-resolution must not be negative");
        }
    }

    /** The longest lifetime a creator may ask for, in days ({@code expiresInDays}). */
    long maxDays() {
        return maxTtl.toDays();
    }
}
