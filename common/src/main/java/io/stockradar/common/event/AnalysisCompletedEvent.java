package io.stockradar.common.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code stockradar.analysis-completed.v1}: a screener run finished and its ranked results are final.
 * Consumers must be idempotent on {@link #eventId()} and tolerate fields they do not know.
 *
 * @param eventId       unique per event; the deduplication key
 * @param schemaVersion always {@value #SCHEMA_VERSION} for this type
 * @param occurredAt    when the run completed
 * @param runId         the screener run
 * @param userId        the {@code sub} of the user who started the run
 * @param universe      {@code KOSPI200}, {@code KOSDAQ150}, {@code SP500} or {@code CUSTOM}
 * @param request       the run request as the user sent it (universe/symbols, filters, sort, limit)
 * @param regime        the market regime of the run's primary market at analysis time
 * @param dataAsOf      the last trading date of the data the run used
 * @param source        where the market data came from: {@code demo} or {@code yahoo}
 * @param results       ranked results, best first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisCompletedEvent(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        UUID runId,
        String userId,
        String universe,
        Map<String, Object> request,
        Regime regime,
        LocalDate dataAsOf,
        String source,
        List<Result> results) {

    public static final int SCHEMA_VERSION = 1;

    public AnalysisCompletedEvent {
        request = request == null ? Map.of() : Map.copyOf(request);
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** Market regime summary, as agent-service's Market Regime agent reported it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Regime(String market, String regime, String volatility, Double riskAppetite) {
    }

    /**
     * One ranked stock.
     *
     * @param agents per agent ({@code regime}, {@code sector}, {@code technical}, {@code fundamental},
     *               {@code risk}): its score and whether it abstained
     * @param price  the close the analysis used (the price "at analysis")
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int rank, String symbol, String name, double composite, String grade, String action,
                         Map<String, AgentScore> agents, Double price) {

        public Result {
            agents = agents == null ? Map.of() : Map.copyOf(agents);
        }
    }

    /** An agent's vote: {@code score} is null exactly when the agent abstained. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgentScore(Double score, boolean abstained) {
    }
}
