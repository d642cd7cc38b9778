package io.stockradar.agent.screener;

/** The run's primary market regime at analysis time. */
record RunRegime(String market, String regime, String volatility, double riskAppetite) {
}
