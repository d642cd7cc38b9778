package io.stockradar.agent.analysis;

import io.stockradar.agent.engine.AgentResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One agent's vote: {@code score} 0-100, or {@code null} with {@code abstained: true}, and its signals. */
public record AgentResponse(Double score, boolean abstained, List<SignalResponse> signals) {

    public static AgentResponse of(AgentResult result) {
        return new AgentResponse(result.score(), result.abstained(), SignalResponse.of(result.signals()));
    }

    /** The five agents in the engine's order ({@code regime, sector, technical, fundamental, risk}). */
    public static Map<String, AgentResponse> of(Map<String, AgentResult> agents) {
        Map<String, AgentResponse> out = new LinkedHashMap<>();
        agents.forEach((name, result) -> out.put(name, of(result)));
        return out;
    }
}
