package io.stockradar.agent.engine;

/**
 * @param stopLevel close - 2 x ATR14, {@code null} when ATR is unknown
 * @param positionSize shares for capital x riskPerTrade / (close - stop), {@code null} when unknown
 * @param liquid 20-day average traded value at or above the market's threshold
 */
public record RiskPlan(Double stopLevel, Double positionSize, boolean liquid) {
}
