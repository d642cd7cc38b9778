package io.stockradar.agent.engine.indicator;

/**
 * MACD line (fast EMA − slow EMA), its signal line (EMA of the line) and histogram (line − signal), with the
 * two EMAs it is made of (computed in the same pass, so a caller that needs them does not compute them again).
 */
public record Macd(double[] fastEma, double[] slowEma, double[] line, double[] signal, double[] histogram) {
}
