package io.stockradar.agent.engine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Engine configuration.
 *
 * <p>{@code weights}: per regime, agent key ({@code regime, sector, technical, fundamental, risk}) →
 * weight. The composite is the weighted mean over the agents that voted, so weights need not sum
 * to 1. Agent keys missing from a regime's table weigh 0. By default the regime agent weighs 0: it
 * conditions the weights instead of voting (its score, the risk appetite, is the same for every
 * stock of the market and would only shift all composites alike).
 *
 * <p>{@code capital} and {@code minTradedValue} are per market ({@code KR} in KRW, {@code US} in
 * USD) because amounts in different currencies cannot share one number. {@code riskPerTrade} is a
 * fraction of capital (0.01 = 1%).
 */
public record EngineSettings(Map<Regime, Map<String, Double>> weights, Map<String, Double> capital,
        double riskPerTrade, Map<String, Double> minTradedValue) {

    public static final String REGIME = "regime";
    public static final String SECTOR = "sector";
    public static final String TECHNICAL = "technical";
    public static final String FUNDAMENTAL = "fundamental";
    public static final String RISK = "risk";

    public EngineSettings {
        Objects.requireNonNull(weights, "weights");
        EnumMap<Regime, Map<String, Double>> copy = new EnumMap<>(Regime.class);
        for (Regime regime : Regime.values()) {
            Map<String, Double> table = weights.get(regime);
            if (table == null) {
                throw new IllegalArgumentException("weights missing for regime " + regime);
            }
            Map<String, Double> ordered = new LinkedHashMap<>();
            for (String key : new String[] {REGIME, SECTOR, TECHNICAL, FUNDAMENTAL, RISK}) {
                double w = table.getOrDefault(key, 0.0);
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("weight " + regime + "." + key + " must be a finite number >= 0");
                }
                ordered.put(key, w);
            }
            for (String key : table.keySet()) {
                if (!ordered.containsKey(key)) {
                    throw new IllegalArgumentException("unknown agent key in weights." + regime + ": " + key);
                }
            }
            copy.put(regime, Collections.unmodifiableMap(ordered));
        }
        weights = Collections.unmodifiableMap(copy);
        capital = Map.copyOf(capital);
        minTradedValue = Map.copyOf(minTradedValue);
        if (!(riskPerTrade > 0 && riskPerTrade < 1)) {
            throw new IllegalArgumentException("riskPerTrade must be in (0, 1)");
        }
    }

    /**
     * Defaults: BULL favours technical momentum, BEAR raises risk and fundamentals and lowers
     * technical. Capital 100,000,000 KRW / 100,000 USD, 1% risk per trade, liquidity threshold of
     * 5,000,000,000 KRW / 20,000,000 USD average daily traded value.
     */
    public static EngineSettings defaults() {
        return new EngineSettings(Map.of(
                Regime.BULL, Map.of(REGIME, 0.0, SECTOR, 0.20, TECHNICAL, 0.35, FUNDAMENTAL, 0.25, RISK, 0.20),
                Regime.NEUTRAL, Map.of(REGIME, 0.0, SECTOR, 0.20, TECHNICAL, 0.30, FUNDAMENTAL, 0.30, RISK, 0.20),
                Regime.BEAR, Map.of(REGIME, 0.0, SECTOR, 0.15, TECHNICAL, 0.20, FUNDAMENTAL, 0.35, RISK, 0.30)),
                Map.of("KR", 100_000_000.0, "US", 100_000.0), 0.01,
                Map.of("KR", 5_000_000_000.0, "US", 20_000_000.0));
    }

    /** Capital for position sizing in the market's currency; NaN when the market is not configured. */
    public double capitalFor(String market) {
        return capital.getOrDefault(market, Double.NaN);
    }

    /** Minimum 20-day average traded value in the market's currency; 0 when not configured. */
    public double minTradedValueFor(String market) {
        return minTradedValue.getOrDefault(market, 0.0);
    }

    /** Weight table in force for a regime, in agent-key order. */
    public Map<String, Double> weightsFor(Regime regime) {
        return weights.get(regime);
    }
}
