package io.stockradar.marketdata.provider.demo;

import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Collects the raw rows of one symbol and builds its {@link DailySeries}, flagging bad bars
 * ({@link BarIssue}). Prices are never repaired or invented: a bad bar is dropped, a bar off by a
 * rounding step is kept verbatim and counted.
 */
final class SeriesBuilder {

    /** Relative slack for high/low against open/close (adjusted prices are rounded one by one). */
    static final double OHLC_TOLERANCE = 0.001;
    /** KRX daily price limit. */
    static final double KR_PRICE_LIMIT = 0.30;
    /** Slack on the limit for back-adjusted series (445680 on 2024-04-22 moved +30.0008 % after adjustment). */
    static final double KR_PRICE_LIMIT_TOLERANCE = 0.001;

    private final String symbol;
    private int size;
    private int[] days = new int[512];
    private double[] open = new double[512];
    private double[] high = new double[512];
    private double[] low = new double[512];
    private double[] close = new double[512];
    private long[] volume = new long[512];

    SeriesBuilder(String symbol) {
        this.symbol = symbol;
    }

    int rows() {
        return size;
    }

    void add(int day, double o, double h, double l, double c, long v) {
        if (size > 0 && day <= days[size - 1]) {
            throw new IllegalStateException("rows of " + symbol + " are not in ascending date order at "
                    + java.time.LocalDate.ofEpochDay(day));
        }
        if (size == days.length) {
            int n = size * 2;
            days = Arrays.copyOf(days, n);
            open = Arrays.copyOf(open, n);
            high = Arrays.copyOf(high, n);
            low = Arrays.copyOf(low, n);
            close = Arrays.copyOf(close, n);
            volume = Arrays.copyOf(volume, n);
        }
        days[size] = day;
        open[size] = o;
        high[size] = h;
        low[size] = l;
        close[size] = c;
        volume[size] = v;
        size++;
    }

    /**
     * @param applyPriceLimit true for KR stocks (not indices, not US)
     * @param flagged         told about every flagged bar (issue, epoch day)
     */
    DailySeries build(Market market, boolean applyPriceLimit, BiConsumer<BarIssue, Integer> flagged) {
        int n = 0;
        double previousClose = Double.NaN;
        int[] d = new int[size];
        double[] o = new double[size];
        double[] h = new double[size];
        double[] l = new double[size];
        double[] c = new double[size];
        long[] v = new long[size];
        for (int i = 0; i < size; i++) {
            BarIssue issue = check(i, previousClose, applyPriceLimit);
            if (issue != null) {
                flagged.accept(issue, days[i]);
                if (!issue.kept()) {
                    continue;
                }
            }
            d[n] = days[i];
            o[n] = open[i];
            h[n] = high[i];
            l[n] = low[i];
            c[n] = close[i];
            v[n] = volume[i];
            previousClose = close[i];
            n++;
        }
        double[] closes = Arrays.copyOf(c, n);
        // adjClose = close: KR bars are pykrx-adjusted for corporate actions only, US bars are already
        // split- and dividend-adjusted by yfinance, indices need none (see DATA-SOURCES.md).
        return new DailySeries(symbol, market, Arrays.copyOf(d, n), Arrays.copyOf(o, n), Arrays.copyOf(h, n),
                Arrays.copyOf(l, n), closes, closes, Arrays.copyOf(v, n));
    }

    private BarIssue check(int i, double previousClose, boolean applyPriceLimit) {
        double o = open[i];
        double h = high[i];
        double l = low[i];
        double c = close[i];
        if (o == 0 && h == 0 && l == 0 && volume[i] == 0 && c > 0) {
            return BarIssue.HALTED;
        }
        if (!(o > 0 && h > 0 && l > 0 && c > 0) || volume[i] < 0 || Double.isInfinite(h) || Double.isInfinite(c)
                || Double.isInfinite(o) || Double.isInfinite(l)) {
            return BarIssue.NON_POSITIVE;
        }
        if (applyPriceLimit && !Double.isNaN(previousClose)
                && Math.abs(c / previousClose - 1) > KR_PRICE_LIMIT + KR_PRICE_LIMIT_TOLERANCE) {
            return BarIssue.PRICE_LIMIT;
        }
        double top = Math.max(Math.max(o, c), l);
        double bottom = Math.min(o, c);
        if (h < top * (1 - OHLC_TOLERANCE) || l > bottom * (1 + OHLC_TOLERANCE)) {
            return BarIssue.INCONSISTENT_OHLC;
        }
        if (h < top || l > bottom) {
            return BarIssue.OHLC_ROUNDING;
        }
        return null;
    }

    static Map<BarIssue, Integer> emptyCounts() {
        Map<BarIssue, Integer> counts = new EnumMap<>(BarIssue.class);
        for (BarIssue issue : BarIssue.values()) {
            counts.put(issue, 0);
        }
        return counts;
    }
}
