package io.stockradar.auth.apikey;

import java.time.Instant;
import java.util.UUID;

/**
 * A key as lists show it: never the key itself. {@code lastUsedAt} is null until first used (minute precision);
 * after {@code expiresAt} the key is refused.
 */
record ApiKeyResponse(UUID id, String name, String scope, String prefix, Instant createdAt, Instant lastUsedAt,
        Instant expiresAt) {

    static ApiKeyResponse of(ApiKey key) {
        return new ApiKeyResponse(key.id(), key.name(), key.scope().value(), key.prefix(), key.createdAt(),
                key.lastUsedAt(), key.expiresAt());
    }
}
