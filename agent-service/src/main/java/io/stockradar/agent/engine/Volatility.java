package io.stockradar.agent.engine;

/** Market volatility class. */
public enum Volatility {
    LOW, NORMAL, HIGH
}
