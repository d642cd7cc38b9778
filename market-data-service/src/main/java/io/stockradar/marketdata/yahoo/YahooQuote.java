package io.stockradar.marketdata.yahoo;

import java.time.Instant;

/** One entry of {@code /v7/finance/quote}; numbers are null when Yahoo left them out. */
record YahooQuote(String symbol, String currency, String exchangeTimezone, Double price, Double previousClose,
                  Double change, Double changePercent, Long volume, Instant marketTime, String marketState,
                  String shortName, String longName) {
}
