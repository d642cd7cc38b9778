package io.stockradar.agent.config;

import io.stockradar.agent.engine.EngineSettings;
import io.stockradar.agent.engine.Regime;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * {@code stockradar.engine.*}: the synthesis weight table per regime and the risk manager's money
 * settings, per market in its own currency. Validated by {@link EngineSettings}.
 */
@ConfigurationProperties("stockradar.engine")
record EngineProperties(Map<Regime, Map<String, Double>> weights, Map<String, Double> capital, double riskPerTrade,
                        Map<String, Double> minTradedValue) {

    EngineSettings toSettings() {
        return new EngineSettings(weights, capital, riskPerTrade, minTradedValue);
    }
}
