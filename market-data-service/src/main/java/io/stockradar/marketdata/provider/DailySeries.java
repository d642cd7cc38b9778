package io.stockradar.marketdata.provider;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * Daily OHLCV bars of one symbol in primitive columns, oldest first, dates as epoch days. Instances are
 * immutable: the arrays are never handed out for writing (accessors return the shared arrays for speed;
 * callers must not modify them).
 */
public final class DailySeries {

    private final String symbol;
    private final Market market;
    private final int[] days;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] adjClose;
    private final long[] volume;

    public DailySeries(String symbol, Market market, int[] days, double[] open, double[] high, double[] low,
                       double[] close, double[] adjClose, long[] volume) {
        this.symbol = Objects.requireNonNull(symbol);
        this.market = Objects.requireNonNull(market);
        int n = days.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || adjClose.length != n
                || volume.length != n) {
            throw new IllegalArgumentException("Columns of " + symbol + " differ in length");
        }
        for (int i = 1; i < n; i++) {
            if (days[i] <= days[i - 1]) {
                throw new IllegalArgumentException("Dates of " + symbol + " are not strictly ascending at index " + i);
            }
        }
        this.days = days;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.adjClose = adjClose;
        this.volume = volume;
    }

    public String symbol() {
        return symbol;
    }

    public Market market() {
        return market;
    }

    public String currency() {
        return market.currency();
    }

    public int size() {
        return days.length;
    }

    public boolean isEmpty() {
        return days.length == 0;
    }

    public LocalDate date(int i) {
        return LocalDate.ofEpochDay(days[i]);
    }

    public LocalDate lastDate() {
        return isEmpty() ? null : date(days.length - 1);
    }

    public int[] days() {
        return days;
    }

    public double[] open() {
        return open;
    }

    public double[] high() {
        return high;
    }

    public double[] low() {
        return low;
    }

    public double[] close() {
        return close;
    }

    public double[] adjClose() {
        return adjClose;
    }

    public long[] volume() {
        return volume;
    }

    /** Index of the first bar dated on or after {@code date} (size() if none). */
    public int indexOnOrAfter(LocalDate date) {
        int i = Arrays.binarySearch(days, (int) date.toEpochDay());
        return i >= 0 ? i : -i - 1;
    }

    /** Bars {@code [from, to)} as a new series (copies). */
    public DailySeries slice(int from, int to) {
        return new DailySeries(symbol, market, Arrays.copyOfRange(days, from, to), Arrays.copyOfRange(open, from, to),
                Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to),
                Arrays.copyOfRange(close, from, to), Arrays.copyOfRange(adjClose, from, to),
                Arrays.copyOfRange(volume, from, to));
    }

    /** The last {@code n} bars (all when fewer). */
    public DailySeries tail(int n) {
        int from = Math.max(0, size() - n);
        return from == 0 ? this : slice(from, size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DailySeries s && symbol.equals(s.symbol) && market == s.market && Arrays.equals(days, s.days)
                && Arrays.equals(open, s.open) && Arrays.equals(high, s.high) && Arrays.equals(low, s.low)
                && Arrays.equals(close, s.close) && Arrays.equals(adjClose, s.adjClose)
                && Arrays.equals(volume, s.volume);
    }

    @Override
    public int hashCode() {
        return 31 * symbol.hashCode() + Arrays.hashCode(days);
    }

    @Override
    public String toString() {
        return "DailySeries[" + symbol + ", " + size() + " bars" + (isEmpty() ? "" : ", " + date(0) + ".." + lastDate())
                + "]";
    }
}
