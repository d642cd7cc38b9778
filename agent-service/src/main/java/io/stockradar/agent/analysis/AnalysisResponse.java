package io.stockradar.agent.analysis;

import io.stockradar.agent.engine.RiskPlan;
import io.stockradar.agent.engine.StockAnalysis;

import java.time.LocalDate;
import java.util.Map;

/**
 * {@code GET /api/analysis/{symbol}}: all five agents and the synthesis.
 *
 * @param asOf     the last trading date of the data analysed
 * @param source   {@code demo} or {@code yahoo}
 * @param weights  the weight table in force for the regime, so a user can see why
 * @param riskPlan ATR stop, suggested position size (shares) and liquidity flag
 */
public record AnalysisResponse(String symbol, String name, String market, String sector, LocalDate asOf, String source,
                               double composite, String grade, String action, String regime,
                               Map<String, Double> weights, Map<String, AgentResponse> agents,
                               RiskPlanResponse riskPlan, Double lastClose, TextResponse rationale) {

    static AnalysisResponse of(StockAnalysis analysis, LocalDate asOf, String source) {
        return new AnalysisResponse(analysis.symbol(), analysis.name(), analysis.market(), analysis.sector(), asOf, source,
                analysis.composite(), analysis.grade(), analysis.action(),
                analysis.regime() == null ? null : analysis.regime().name(), analysis.weights(),
                AgentResponse.of(analysis.agents()), RiskPlanResponse.of(analysis.riskPlan()), analysis.lastClose(),
                TextResponse.of(analysis.rationale()));
    }

    public record RiskPlanResponse(Double stopLevel, Double positionSize, boolean liquid) {

        static RiskPlanResponse of(RiskPlan plan) {
            return plan == null ? null : new RiskPlanResponse(plan.stopLevel(), plan.positionSize(), plan.liquid());
        }
    }
}
