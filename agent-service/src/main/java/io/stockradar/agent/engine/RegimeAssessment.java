package io.stockradar.agent.engine;

import java.time.LocalDate;
import java.util.List;

/**
 * @param riskAppetite 0-100, higher = friendlier market
 * @param asOf date of the benchmark's last bar
 */
public record RegimeAssessment(String market, Regime regime, Volatility volatility, double riskAppetite,
        List<Signal> evidence, LocalDate asOf) {
}
