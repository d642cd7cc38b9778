package io.stockradar.history;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.AnalysisCompletedEvent.AgentScore;
import io.stockradar.common.event.AnalysisCompletedEvent.Regime;
import io.stockradar.common.event.AnalysisCompletedEvent.Result;
import io.stockradar.common.event.UserDeletedEvent;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events as agent-service and auth-service publish them, built from the shared contract records. */
public final class TestEvents {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] GRADES = {"A", "B", "C", "D", "E", "F"};

    private TestEvents() {
    }

    /** A finished KOSPI 200 run of {@code userId} with {@code resultCount} ranked results. */
    public static AnalysisCompletedEvent analysisCompleted(String userId, int resultCount) {
        return analysisCompleted(userId, "KOSPI200", resultCount);
    }

    public static AnalysisCompletedEvent analysisCompleted(String userId, String universe, int resultCount) {
        List<Result> results = new ArrayList<>();
        for (int rank = 1; rank <= resultCount; rank++) {
            String symbol = String.format("%06d.KS", rank * 10);
            results.add(new Result(rank, symbol, "종목 " + rank, 90.0 - rank, GRADES[Math.min(rank - 1, 5)],
                    rank <= 3 ? "BUY" : "HOLD",
                    Map.of("regime", new AgentScore(64.5, false),
                            "technical", new AgentScore(80.0 - rank, false),
                            "fundamental", new AgentScore(null, true)),
                    50_000.0 + rank));
        }
        return new AnalysisCompletedEvent(UUID.randomUUID(), AnalysisCompletedEvent.SCHEMA_VERSION,
                Instant.parse("2025-06-16T07:00:00Z"), UUID.randomUUID(), userId, universe,
                Map.of("universe", universe, "limit", resultCount),
                new Regime("KR", "BULL", "NORMAL", 64.5), LocalDate.parse("2025-06-16"), "demo", results);
    }

    /** A run of {@code userId} over {@code universe} on data of {@code dataAsOf} with exactly these results. */
    public static AnalysisCompletedEvent analysisCompleted(String userId, String universe, LocalDate dataAsOf,
                                                           List<Result> results) {
        return new AnalysisCompletedEvent(UUID.randomUUID(), AnalysisCompletedEvent.SCHEMA_VERSION,
                dataAsOf.atTime(7, 0).toInstant(java.time.ZoneOffset.UTC), UUID.randomUUID(), userId, universe,
                Map.of("universe", universe, "limit", results.size()),
                new Regime("KR", "BULL", "NORMAL", 64.5), dataAsOf, "demo", results);
    }

    /** A ranked result with the given agent votes (a null score = the agent abstained). */
    public static Result result(int rank, String symbol, String name, String grade, Map<String, Double> scores,
                                Double price) {
        Map<String, AgentScore> agents = new java.util.LinkedHashMap<>();
        scores.forEach((agent, score) -> agents.put(agent, new AgentScore(score, score == null)));
        return new Result(rank, symbol, name, 90.0 - rank, grade, "BUY", agents, price);
    }

    /** The same run content under a new event id (what a producer bug re-publishing a run would send). */
    public static AnalysisCompletedEvent withNewEventId(AnalysisCompletedEvent event) {
        return new AnalysisCompletedEvent(UUID.randomUUID(), event.schemaVersion(), event.occurredAt(), event.runId(),
                event.userId(), event.universe(), event.request(), event.regime(), event.dataAsOf(), event.source(),
                event.results().subList(0, 1));
    }

    public static UserDeletedEvent userDeleted(String userId) {
        return new UserDeletedEvent(UUID.randomUUID(), UserDeletedEvent.SCHEMA_VERSION, Instant.now(), userId);
    }

    public static String json(Object event) {
        return JSON.writeValueAsString(event);
    }
}
