package io.stockradar.common.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

/** {@code stockradar.user-deleted.v1}: an account was deleted; every service forgets the user's data. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserDeletedEvent(UUID eventId, int schemaVersion, Instant occurredAt, String userId) {

    public static final int SCHEMA_VERSION = 1;
}
