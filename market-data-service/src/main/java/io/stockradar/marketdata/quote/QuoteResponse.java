package io.stockradar.marketdata.quote;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** {@code GET /api/market/quote/{symbol}}; {@code changePercent} in percent (1.5 = +1.5 %). */
record QuoteResponse(String symbol, String name, double price, Double previousClose, Double change,
                     Double changePercent, long volume, String currency, OffsetDateTime marketTime, String source,
                     LocalDate asOf, boolean stale) {
}
