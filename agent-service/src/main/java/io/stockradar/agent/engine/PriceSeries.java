package io.stockradar.agent.engine;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * Daily bars of one symbol, columnar and oldest first. {@code close} is the adjusted close; the
 * engine computes every price-based indicator from it. {@code open}, {@code high} and {@code low}
 * must be on the same adjustment as {@code close} (scale each raw bar by {@code adjClose / close})
 * or the true range, Donchian channel and 52-week high would mix adjusted and raw prices.
 * {@code volume} is the traded share count (the traded value is approximated by close × volume). {@code epochDays} are trading dates as
 * {@link LocalDate#toEpochDay()} in the market's own calendar, strictly increasing.
 *
 * <p>The arrays are not copied (the engine is allocation-light); callers must not mutate them
 * after handing them over.
 */
public record PriceSeries(String symbol, int[] epochDays, double[] open, double[] high, double[] low,
        double[] close, double[] volume) {

    public PriceSeries {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(epochDays, "epochDays");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        int n = epochDays.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new IllegalArgumentException("all columns of " + symbol + " must have " + n + " values");
        }
        for (int i = 1; i < n; i++) {
            if (epochDays[i] <= epochDays[i - 1]) {
                throw new IllegalArgumentException("dates of " + symbol + " must be strictly increasing at index " + i);
            }
        }
    }

    /** Number of bars. */
    public int length() {
        return close.length;
    }

    /** Date of the last bar, or {@code null} for an empty series. */
    public LocalDate lastDate() {
        return epochDays.length == 0 ? null : LocalDate.ofEpochDay(epochDays[epochDays.length - 1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceSeries p && symbol.equals(p.symbol) && Arrays.equals(epochDays, p.epochDays)
                && Arrays.equals(open, p.open) && Arrays.equals(high, p.high) && Arrays.equals(low, p.low)
                && Arrays.equals(close, p.close) && Arrays.equals(volume, p.volume);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, Arrays.hashCode(epochDays), Arrays.hashCode(close));
    }

    @Override
    public String toString() {
        return "PriceSeries[" + symbol + ", " + length() + " bars" + (length() == 0 ? "" : ", last " + lastDate()) + "]";
    }
}
