package io.stockradar.agent.engine;

import java.util.Map;

/**
 * The synthesized verdict for one stock.
 *
 * @param weights the weight table in force for the regime (agent key → weight)
 * @param agents keys {@code regime, sector, technical, fundamental, risk}
 */
public record StockAnalysis(String symbol, String name, String market, String sector, double composite, String grade,
        String action, Regime regime, Map<String, Double> weights, Map<String, AgentResult> agents, RiskPlan riskPlan,
        Double lastClose, Text rationale) {
}
