package io.stockradar.auth.apikey;

import java.time.Instant;
import java.util.UUID;

/** A stored API key without its hash. */
record ApiKey(UUID id, UUID accountId, String name, ApiKeyScope scope, String prefix, Instant createdAt,
        Instant lastUsedAt, Instant expiresAt) {
}
