package io.stockradar.agent.engine;

/** Market regime. */
public enum Regime {
    BULL, NEUTRAL, BEAR
}
