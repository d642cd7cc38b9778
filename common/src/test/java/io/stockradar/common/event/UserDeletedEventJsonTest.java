package io.stockradar.common.event;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code stockradar.user-deleted.v1} contract (docs/API.md): auth-service writes it, history and agent read it. */
class UserDeletedEventJsonTest {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    static UserDeletedEvent sample() {
        return new UserDeletedEvent(UUID.fromString("5d0c5f43-08a4-4c3e-9a55-3f7c1b2d4e66"), UserDeletedEvent.SCHEMA_VERSION,
                Instant.parse("2026-12-07T23:00:00Z"), "3f1e2d4c-0b6a-4a5e-8c7d-9e0f1a2b3c4d");
    }

    @Test
    void roundTripsThroughJsonWithoutLoss() {
        UserDeletedEvent event = sample();
        assertThat(json.readValue(json.writeValueAsString(event), UserDeletedEvent.class)).isEqualTo(event);
    }

    @Test
    void writesTheContractFieldNames() {
        assertThat(json.writeValueAsString(sample()))
                .isEqualTo("{\"eventId\":\"5d0c5f43-08a4-4c3e-9a55-3f7c1b2d4e66\",\"schemaVersion\":1,"
                        + "\"occurredAt\":\"2026-12-07T23:00:00Z\",\"userId\":\"3f1e2d4c-0b6a-4a5e-8c7d-9e0f1a2b3c4d\"}");
    }

    @Test
    void readsWhatAuthServicePublishesAndToleratesNewFields() {
        String published = """
                {"eventId":"5d0c5f43-08a4-4c3e-9a55-3f7c1b2d4e66","schemaVersion":1,"occurredAt":"2026-12-07T23:00:00Z",
                 "userId":"3f1e2d4c-0b6a-4a5e-8c7d-9e0f1a2b3c4d","reason":"self-service"}""";
        assertThat(json.readValue(published, UserDeletedEvent.class)).isEqualTo(sample());
    }
}
