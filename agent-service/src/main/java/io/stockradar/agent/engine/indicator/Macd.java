package io.stockradar.agent.engine.indicator;

/** MACD line (fast EMA − slow EMA), its signal line (EMA of the line) and histogram (line − signal). */
public record Macd(double[] line, double[] signal, double[] histogram) {
}
