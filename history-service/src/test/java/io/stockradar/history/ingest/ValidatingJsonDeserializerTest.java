package io.stockradar.history.ingest;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.history.TestEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidatingJsonDeserializerTest {

    private final ValidatingJsonDeserializer<AnalysisCompletedEvent> deserializer = new ValidatingJsonDeserializer<>(
            JsonMapper.builder().build(), AnalysisCompletedEvent.class, EventContract::violations);

    @Test
    void readsTheEventAsTheProducerWroteIt() {
        AnalysisCompletedEvent event = TestEvents.analysisCompleted("u1", 3);
        assertThat(deserializer.deserialize("t", bytes(TestEvents.json(event)))).isEqualTo(event);
    }

    @Test
    void ignoresUnknownFields() {
        AnalysisCompletedEvent event = TestEvents.analysisCompleted("u1", 1);
        String json = TestEvents.json(event).replaceFirst("\\{", "{\"addedLater\":[1,2,{\"x\":null}],");
        assertThat(deserializer.deserialize("t", bytes(json))).isEqualTo(event);
    }

    @Test
    void rejectsMalformedJson() {
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes("{\"eventId\":")))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes("{\"eventId\":\"not-a-uuid\"}")))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void rejectsAnEventThatBreaksTheContract() {
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes("{\"schemaVersion\":1}")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("eventId is required")
                .hasMessageContaining("userId is required");
    }

    @Test
    void rejectsEmptyAndNullValues() {
        assertThatThrownBy(() -> deserializer.deserialize("t", null)).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[0])).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes("null"))).isInstanceOf(InvalidEventException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
