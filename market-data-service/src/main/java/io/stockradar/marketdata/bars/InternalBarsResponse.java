package io.stockradar.marketdata.bars;

import io.stockradar.marketdata.provider.Market;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code POST /internal/bars}: columnar series, oldest first. */
record InternalBarsResponse(String source, Map<Market, LocalDate> asOf, Map<String, Columns> series,
                            List<String> missing) {

    record Columns(String symbol, String currency, List<LocalDate> dates, double[] open, double[] high, double[] low,
                   double[] close, double[] adjClose, long[] volume) {
    }
}
