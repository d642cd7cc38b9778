package io.stockradar.agent.screener;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * One ranked stock of a run, as stored with the run and returned by the API.
 *
 * @param agents per agent its score (null when it abstained) and whether it abstained
 * @param price  the last close the analysis used
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RunResult(int rank, String symbol, String name, String market, String sector, double composite, String grade,
                 String action, Map<String, AgentScore> agents, Double price) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AgentScore(Double score, boolean abstained) {
    }
}
