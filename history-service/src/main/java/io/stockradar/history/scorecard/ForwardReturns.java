package io.stockradar.history.scorecard;

import io.stockradar.history.scorecard.MarketDataClient.Series;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The forward return of one pick over one horizon, without look-ahead.
 * <ul>
 *   <li>Entry: the symbol's last close on or before the analysis date (what the analysis could see).</li>
 *   <li>Exit: the close exactly {@code horizon} trading days later <em>in the symbol's own series</em>; if
 *       the series does not reach that far (too recent, or delisted) there is no result, never a zero.</li>
 *   <li>Benchmark: its closes on or before the same entry and exit dates; if the benchmark series ends
 *       before the exit date or starts after the entry date, there is no result either.</li>
 *   <li>Returns are fractions (0.0123 = +1.23 %); excess = stock return - benchmark return.</li>
 * </ul>
 */
final class ForwardReturns {

    private ForwardReturns() {
    }

    record Outcome(int horizon, LocalDate entryDate, LocalDate exitDate, double stockReturn, double benchmarkReturn,
                   double excessReturn) {
    }

    static Optional<Outcome> of(Series stock, Series benchmark, LocalDate analysisDate, int horizon) {
        int entry = lastOnOrBefore(stock.dates(), analysisDate);
        if (entry < 0 || entry + horizon >= stock.dates().size()) {
            return Optional.empty();
        }
        int exit = entry + horizon;
        LocalDate entryDate = stock.dates().get(entry);
        LocalDate exitDate = stock.dates().get(exit);
        if (benchmark.dates().isEmpty() || benchmark.dates().getLast().isBefore(exitDate)) {
            return Optional.empty();
        }
        int benchmarkEntry = lastOnOrBefore(benchmark.dates(), entryDate);
        int benchmarkExit = lastOnOrBefore(benchmark.dates(), exitDate);
        if (benchmarkEntry < 0) {
            return Optional.empty();
        }
        Double stockReturn = change(stock.close(), entry, exit);
        Double benchmarkReturn = change(benchmark.close(), benchmarkEntry, benchmarkExit);
        if (stockReturn == null || benchmarkReturn == null) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(horizon, entryDate, exitDate, stockReturn, benchmarkReturn,
                stockReturn - benchmarkReturn));
    }

    /** Index of the last date on or before {@code date} in an ascending list, or -1. */
    static int lastOnOrBefore(List<LocalDate> dates, LocalDate date) {
        int found = Collections.binarySearch(dates, date);
        return found >= 0 ? found : -found - 2;
    }

    private static Double change(List<Double> closes, int from, int to) {
        if (to >= closes.size()) {
            return null;
        }
        Double start = closes.get(from);
        Double end = closes.get(to);
        if (start == null || end == null || !(start > 0) || !Double.isFinite(end)) {
            return null;
        }
        return end / start - 1;
    }
}
