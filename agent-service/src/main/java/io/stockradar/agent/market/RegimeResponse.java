package io.stockradar.agent.market;

import io.stockradar.agent.analysis.SignalResponse;
import io.stockradar.agent.engine.RegimeAssessment;

import java.time.LocalDate;
import java.util.List;

/** {@code GET /api/market/regime}: the Market Regime agent's view of one market. */
record RegimeResponse(String market, String regime, String volatility, double riskAppetite,
                      List<SignalResponse> evidence, LocalDate asOf, String source) {

    static RegimeResponse of(RegimeAssessment assessment, String source) {
        return new RegimeResponse(assessment.market(), assessment.regime().name(), assessment.volatility().name(),
                assessment.riskAppetite(), SignalResponse.of(assessment.evidence()), assessment.asOf(), source);
    }
}
