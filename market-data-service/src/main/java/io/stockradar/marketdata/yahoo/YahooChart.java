package io.stockradar.marketdata.yahoo;

import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One chart answer: bars without the all-null rows Yahoo sends for missing sessions, dated in the
 * exchange's zone ({@code meta.exchangeTimezoneName}, not the current gmtoffset), plus the events.
 */
record YahooChart(String symbol, String currency, ZoneId zone, String interval, List<Bar> bars,
                  List<Dividend> dividends, List<Split> splits) {

    static YahooChart empty(String symbol, String interval) {
        return new YahooChart(symbol, null, null, interval, List.of(), List.of(), List.of());
    }

    /** A bar; {@code adjClose} is split- and dividend-adjusted ({@code close} only split-adjusted). */
    record Bar(LocalDate date, double open, double high, double low, double close, double adjClose, long volume) {
    }

    record Dividend(LocalDate date, double amount) {
    }

    record Split(LocalDate date, int numerator, int denominator) {
    }

    /**
     * The bars as a series, oldest first. Yahoo may send the running session twice (the last bar stamped
     * with the live time): one bar per date is kept, the later one.
     */
    DailySeries toSeries(String requestedSymbol, Market market) {
        Map<LocalDate, Bar> byDate = new TreeMap<>();
        bars.forEach(bar -> byDate.put(bar.date(), bar));
        int n = byDate.size();
        int[] days = new int[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] adj = new double[n];
        long[] volume = new long[n];
        int i = 0;
        for (Bar bar : byDate.values()) {
            days[i] = (int) bar.date().toEpochDay();
            open[i] = bar.open();
            high[i] = bar.high();
            low[i] = bar.low();
            close[i] = bar.close();
            adj[i] = bar.adjClose();
            volume[i] = bar.volume();
            i++;
        }
        return new DailySeries(requestedSymbol, market, days, open, high, low, close, adj, volume);
    }
}
