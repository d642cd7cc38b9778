package io.stockradar.agent.screener;

import io.stockradar.agent.outbox.OutboxWriter;
import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ranks a prepared run's analysed stocks and completes it together with its {@code analysis-completed} outbox
 * row, in the caller's transaction: both or neither. The caller holds the run's row lock, and the completion
 * is a conditional update on RUNNING, so a run completes (and is published) exactly once.
 */
@Component
class RunCompleter {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ScreenerRunRepository runs;
    private final OutboxWriter outbox;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    RunCompleter(ScreenerRunRepository runs, OutboxWriter outbox, JsonMapper json) {
        this.runs = runs;
        this.outbox = outbox;
        this.json = json;
    }

    /** @return the ranked results, or {@code null} if the run was no longer RUNNING (cancelled, completed) */
    @Transactional(propagation = Propagation.MANDATORY)
    List<RunResult> complete(ScreenerRun run, List<RunResult> analysed) {
        Instant now = clock.instant();
        List<RunResult> results = RunRanking.rank(analysed, run.request());
        List<String> missing = run.missing() == null ? List.of() : run.missing();
        if (!runs.complete(run.id(), results, missing, run.regime(), run.dataAsOf(), run.source(), run.total(), now)) {
            return null;
        }
        UUID eventId = UUID.randomUUID();
        RunRegime regime = run.regime();
        AnalysisCompletedEvent event = new AnalysisCompletedEvent(eventId, AnalysisCompletedEvent.SCHEMA_VERSION, now,
                run.id(), run.userId(), run.universe(), json.convertValue(run.request(), MAP),
                new AnalysisCompletedEvent.Regime(regime.market(), regime.regime(), regime.volatility(), regime.riskAppetite()),
                run.dataAsOf(), run.source(),
                results.stream().map(RunCompleter::eventResult).toList());
        outbox.append(eventId, Topics.ANALYSIS_COMPLETED_V1, run.userId(), event);
        return results;
    }

    private static AnalysisCompletedEvent.Result eventResult(RunResult result) {
        Map<String, AnalysisCompletedEvent.AgentScore> agents = new LinkedHashMap<>();
        result.agents().forEach((name, agent) ->
                agents.put(name, new AnalysisCompletedEvent.AgentScore(agent.score(), agent.abstained())));
        return new AnalysisCompletedEvent.Result(result.rank(), result.symbol(), result.name(), result.composite(),
                result.grade(), result.action(), agents, result.price());
    }
}
