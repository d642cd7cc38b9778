package io.stockradar.marketdata.bars;

import io.stockradar.marketdata.provider.Market;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/market/bars}: {@code series} in request order; {@code missing} lists symbols that are
 * unknown or have no bundled series. {@code asOf} per market, as in the internal API.
 */
record BarsBatchResponse(String source, Map<Market, LocalDate> asOf, String range, String interval,
                         Map<String, List<Bar>> series, List<String> missing) {
}
