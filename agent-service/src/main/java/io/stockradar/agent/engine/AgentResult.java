package io.stockradar.agent.engine;

import java.util.List;

/**
 * The verdict of one agent for one stock.
 *
 * @param score 0-100, {@code null} if and only if the agent abstained
 * @param abstained the agent did not vote (missing data); its signals say why
 */
public record AgentResult(Double score, boolean abstained, List<Signal> signals) {

    public AgentResult {
        if (abstained != (score == null)) {
            throw new IllegalArgumentException("score must be null if and only if the agent abstained");
        }
        signals = List.copyOf(signals);
    }

    public static AgentResult voted(double score, List<Signal> signals) {
        return new AgentResult(score, false, signals);
    }

    public static AgentResult abstain(List<Signal> signals) {
        return new AgentResult(null, true, signals);
    }
}
