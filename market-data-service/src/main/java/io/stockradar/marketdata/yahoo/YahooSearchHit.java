package io.stockradar.marketdata.yahoo;

/** One {@code quotes[]} entry of {@code /v1/finance/search}. */
record YahooSearchHit(String symbol, String shortName, String longName, String exchange, String exchangeDisplay,
                      String quoteType) {
}
