package io.stockradar.common.event;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisCompletedEventJsonTest {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    static AnalysisCompletedEvent sample() {
        return new AnalysisCompletedEvent(UUID.fromString("0b6f8a1e-5c57-4f7e-9d52-1f3a3c0c9e11"),
                AnalysisCompletedEvent.SCHEMA_VERSION, Instant.parse("2025-06-16T07:00:00Z"),
                UUID.fromString("7e0b7f0e-2f5e-4a53-bb2c-7d9a0f6f1a22"), "user-1", "KOSPI200",
                Map.of("universe", "KOSPI200", "limit", 20),
                new AnalysisCompletedEvent.Regime("KR", "BULL", "NORMAL", 64.5),
                LocalDate.parse("2025-06-16"), "demo",
                List.of(new AnalysisCompletedEvent.Result(1, "005930.KS", "삼성전자", 71.25, "B", "BUY",
                        Map.of("technical", new AnalysisCompletedEvent.AgentScore(80.0, false),
                                "fundamental", new AnalysisCompletedEvent.AgentScore(null, true)),
                        59800.0)));
    }

    @Test
    void roundTripsThroughJsonWithoutLoss() {
        AnalysisCompletedEvent event = sample();
        String text = json.writeValueAsString(event);
        assertThat(json.readValue(text, AnalysisCompletedEvent.class)).isEqualTo(event);
    }

    @Test
    void writesTheContractFieldNamesAndIsoDates() {
        String text = json.writeValueAsString(sample());
        assertThat(text)
                .contains("\"eventId\":\"0b6f8a1e-5c57-4f7e-9d52-1f3a3c0c9e11\"")
                .contains("\"schemaVersion\":1")
                .contains("\"occurredAt\":\"2025-06-16T07:00:00Z\"")
                .contains("\"dataAsOf\":\"2025-06-16\"")
                .contains("\"abstained\":true");
    }

    @Test
    void toleratesFieldsAddedByANewerProducer() {
        String text = json.writeValueAsString(sample())
                .replace("\"schemaVersion\":1", "\"schemaVersion\":1,\"futureField\":{\"x\":1}");
        AnalysisCompletedEvent event = json.readValue(text, AnalysisCompletedEvent.class);
        assertThat(event.runId()).isEqualTo(sample().runId());
        assertThat(event.results()).hasSize(1);
    }
}
