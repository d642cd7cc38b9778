package io.stockradar.history.runs;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON shapes of the history API (public contract: add fields freely, never rename or remove). */
final class HistoryResponses {

    private HistoryResponses() {
    }

    /** One page of runs, newest first; {@code nextCursor} is null on the last page. */
    record HistoryPageResponse(List<RunSummaryResponse> items, String nextCursor) {
    }

    /** A run in the history list, with its best five results. */
    record RunSummaryResponse(UUID runId, Instant createdAt, Instant occurredAt, String universe,
                              RegimeResponse regime, LocalDate dataAsOf, String source, int resultCount,
                              List<TopResultResponse> top) {
    }

    record TopResultResponse(int rank, String symbol, String name, double composite, String grade) {
    }

    /** The market regime at analysis time; null when the run had none. */
    record RegimeResponse(String market, String regime, String volatility, Double riskAppetite) {
    }

    /** A run with every result, as recorded from its analysis-completed event. */
    record RunDetailResponse(UUID runId, UUID eventId, Instant createdAt, Instant occurredAt, String universe,
                             JsonNode request, RegimeResponse regime, LocalDate dataAsOf, String source,
                             int resultCount, List<ResultResponse> results) {
    }

    /** One ranked stock; {@code price} is the close the analysis used. */
    record ResultResponse(int rank, String symbol, String name, double composite, String grade, String action,
                          Map<String, AgentScoreResponse> agents, Double price) {
    }

    /** An agent's vote: {@code score} is null exactly when it abstained. */
    record AgentScoreResponse(Double score, boolean abstained) {
    }

    /** How the caller's runs scored one symbol, oldest first. */
    record SymbolTimelineResponse(String symbol, List<TimelinePointResponse> points) {
    }

    /** One run that ranked the symbol: {@code date} is the analysis (data) date, {@code createdAt} when it was recorded. */
    record TimelinePointResponse(UUID runId, LocalDate date, Instant createdAt, String universe, int rank,
                                 double composite, String grade, String action) {
    }
}
