package io.stockradar.history.ingest;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.AnalysisCompletedEvent.AgentScore;
import io.stockradar.common.event.AnalysisCompletedEvent.Result;
import io.stockradar.common.event.UserDeletedEvent;
import io.stockradar.history.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventContractTest {

    @Test
    void acceptsAWellFormedEvent() {
        assertThat(EventContract.violations(TestEvents.analysisCompleted("u1", 5))).isEmpty();
    }

    @Test
    void acceptsARunWithoutResultsRegimeOrSource() {
        AnalysisCompletedEvent event = new AnalysisCompletedEvent(UUID.randomUUID(), 1, Instant.now(),
                UUID.randomUUID(), "u1", "CUSTOM", null, null, null, null, null);
        assertThat(EventContract.violations(event)).isEmpty();
    }

    @Test
    void namesEveryMissingRequiredField() {
        AnalysisCompletedEvent event = new AnalysisCompletedEvent(null, 0, null, null, " ", null, Map.of(), null,
                null, null, List.of());
        assertThat(EventContract.violations(event)).containsExactly(
                "eventId is required", "schemaVersion must be 1 but was 0", "occurredAt is required",
                "runId is required", "userId is required", "universe is required");
    }

    @Test
    void rejectsBadResults() {
        List<Result> results = new ArrayList<>();
        results.add(new Result(1, "005930.KS", "삼성전자", 71.0, "A", "BUY", Map.of(), 59800.0));
        results.add(new Result(1, "000660.KS", null, 70.0, "B", null, Map.of(), null));
        results.add(new Result(0, "", null, 60.0, "A+", null, Map.of(), null));
        results.add(new Result(4, "X", null, Double.NaN, "C", null,
                Map.of("technical", new AgentScore(Double.POSITIVE_INFINITY, false)), Double.NaN));
        AnalysisCompletedEvent event = new AnalysisCompletedEvent(UUID.randomUUID(), 1, Instant.now(),
                UUID.randomUUID(), "u1", "KOSPI200", Map.of(), null, null, "demo", results);

        assertThat(EventContract.violations(event)).containsExactly(
                "results[1].rank 1 appears more than once",
                "results[2].rank must be at least 1",
                "results[2].symbol is required",
                "results[2].grade must be one of A, B, C, D, E, F",
                "results[3].composite must be a finite number",
                "results[3].price must be a finite number",
                "results[3].agents.technical.score must be a finite number");
    }

    @Test
    void rejectsOverlongText() {
        AnalysisCompletedEvent event = new AnalysisCompletedEvent(UUID.randomUUID(), 1, Instant.now(),
                UUID.randomUUID(), "u".repeat(256), "KOSPI200", Map.of(), null, null, "demo",
                List.of(new Result(1, "S".repeat(33), null, 1.0, "A", null, Map.of(), null)));
        assertThat(EventContract.violations(event)).containsExactly(
                "userId must be at most 255 characters", "results[0].symbol must be at most 32 characters");
    }

    @Test
    void requiresTheUserOfAUserDeletedEvent() {
        assertThat(EventContract.violations(new UserDeletedEvent(UUID.randomUUID(), 1, Instant.now(), "u1")))
                .isEmpty();
        assertThat(EventContract.violations(new UserDeletedEvent(null, 1, Instant.now(), null)))
                .containsExactly("eventId is required", "userId is required");
    }
}
