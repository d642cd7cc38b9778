package io.stockradar.marketdata.bars;

import java.time.LocalDate;
import java.util.List;

/** {@code GET /api/market/bars/{symbol}}. {@code asOf} is the demo market's "today" for the symbol's market. */
record BarsResponse(String symbol, String name, String currency, String range, String interval, String source,
                    LocalDate asOf, boolean stale, List<Bar> bars) {
}
