package io.stockradar.agent.screener;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stockradar.agent.engine.StockAnalysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ranked stock of a run, as stored with the run and returned by the API. A chunk's results are stored
 * unranked ({@code rank} 0) until the run is ranked.
 *
 * @param agents per agent its score (null when it abstained) and whether it abstained
 * @param price  the last close the analysis used
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RunResult(int rank, String symbol, String name, String market, String sector, double composite, String grade,
                 String action, Map<String, AgentScore> agents, Double price) {

    static RunResult unranked(StockAnalysis analysis) {
        Map<String, AgentScore> agents = new LinkedHashMap<>();
        analysis.agents().forEach((name, agent) -> agents.put(name, new AgentScore(agent.score(), agent.abstained())));
        return new RunResult(0, analysis.symbol(), analysis.name(), analysis.market(), analysis.sector(),
                analysis.composite(), analysis.grade(), analysis.action(), agents, analysis.lastClose());
    }

    RunResult withRank(int newRank) {
        return new RunResult(newRank, symbol, name, market, sector, composite, grade, action, agents, price);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AgentScore(Double score, boolean abstained) {
    }
}
