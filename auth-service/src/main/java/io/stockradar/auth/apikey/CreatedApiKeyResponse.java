package io.stockradar.auth.apikey;

import java.time.Instant;
import java.util.UUID;

/** A key just created; {@code key} is the secret, shown this one time and never again. It works until {@code expiresAt}. */
record CreatedApiKeyResponse(UUID id, String name, String scope, String key, String prefix, Instant createdAt,
        Instant expiresAt) {

    static CreatedApiKeyResponse of(ApiKeyService.Created created) {
        ApiKey key = created.key();
        return new CreatedApiKeyResponse(key.id(), key.name(), key.scope().value(), created.secret(), key.prefix(),
                key.createdAt(), key.expiresAt());
    }

    @Override
    public String toString() {
        return "CreatedApiKeyResponse[id=" + id + ", prefix=" + prefix + ", key=<secret>]";
    }
}
