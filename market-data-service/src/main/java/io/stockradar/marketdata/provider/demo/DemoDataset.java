package io.stockradar.marketdata.provider.demo;

import io.stockradar.marketdata.provider.CompanyFigures;
import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.Universe;

import java.time.LocalDate;
import java.util.Map;

/**
 * The loaded demo dataset, immutable.
 *
 * @param securities symbol → security, in the dataset's order
 * @param series     symbol → its accepted daily bars (symbols without a bundled series are absent)
 * @param flagged    how many bars were flagged per {@link BarIssue} at load time
 */
record DemoDataset(String location, String version, Map<Market, LocalDate> asOf, Map<String, Security> securities,
                   Map<String, CompanyFigures> figures, Map<String, Universe> universes,
                   Map<String, DailySeries> series, Map<BarIssue, Integer> flagged, long barCount, long loadMillis) {

    long seriesCount(Market market) {
        return series.values().stream().filter(s -> s.market() == market).count();
    }
}
