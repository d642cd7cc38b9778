package io.stockradar.agent.engine.indicator;

import java.util.Arrays;

/**
 * Technical indicators as pure static functions over primitive arrays, oldest value first.
 *
 * <p>Conventions: every function returns a new array as long as its input, with {@code NaN} where
 * the value is not defined yet (warm-up) — never a partial-window value. A NaN in the input
 * propagates to the outputs it touches. Recursive averages follow {@link Seeding#SMA} (TA-Lib:
 * EMA and Wilder's smoothing seeded with the simple mean of the first {@code n} values) unless a
 * {@link Seeding} is passed. Each function is a primitive O(n) loop (rolling sums, a monotonic
 * deque for Donchian) with one output allocation (plus one scratch array where noted).
 */
public final class Indicators {

    /** Trading days per year used to annualize volatility. */
    public static final double TRADING_DAYS = 252.0;

    private Indicators() {
    }

    /** Simple moving average over {@code n} values; first value at index {@code n - 1}. */
    public static double[] sma(double[] x, int n) {
        requirePeriod(n);
        double[] out = nanArray(x.length);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
            if (i >= n) {
                sum -= x[i - n];
            }
            if (i >= n - 1) {
                out[i] = sum / n;
            }
        }
        // A running sum carries NaN forever once it has seen one; recompute the windows after a NaN
        // so that a NaN only poisons the n windows that contain it.
        if (hasNaN(x)) {
            for (int i = n - 1; i < x.length; i++) {
                double s = 0;
                for (int k = i - n + 1; k <= i; k++) {
                    s += x[k];
                }
                out[i] = s / n;
            }
        }
        return out;
    }

    /** Exponential moving average, alpha = 2 / (n + 1), seeded with the SMA of the first n values. */
    public static double[] ema(double[] x, int n) {
        return ema(x, n, Seeding.SMA);
    }

    /** Exponential moving average, alpha = 2 / (n + 1). */
    public static double[] ema(double[] x, int n, Seeding seeding) {
        requirePeriod(n);
        return smooth(x, n, 2.0 / (n + 1), seeding, 0);
    }

    /**
     * Wilder's smoothing (a.k.a. modified/smoothed moving average, RMA), alpha = 1 / n, seeded with
     * the SMA of the first n values.
     */
    public static double[] wilder(double[] x, int n) {
        return wilder(x, n, Seeding.SMA);
    }

    /** Wilder's smoothing, alpha = 1 / n. */
    public static double[] wilder(double[] x, int n, Seeding seeding) {
        requirePeriod(n);
        return smooth(x, n, 1.0 / n, seeding, 0);
    }

    /**
     * Recursive average {@code out[i] = out[i-1] + alpha (x[i] - out[i-1])} over {@code x[from..]}.
     * SMA seeding: {@code out[from+n-1] = mean(x[from..from+n-1])}; first-value seeding:
     * {@code out[from] = x[from]}.
     */
    private static double[] smooth(double[] x, int n, double alpha, Seeding seeding, int from) {
        double[] out = nanArray(x.length);
        int seedAt = seeding == Seeding.SMA ? from + n - 1 : from;
        if (seedAt >= x.length || from < 0) {
            return out;
        }
        double prev;
        if (seeding == Seeding.SMA) {
            double sum = 0;
            for (int i = from; i <= seedAt; i++) {
                sum += x[i];
            }
            prev = sum / n;
        } else {
            prev = x[from];
        }
        out[seedAt] = prev;
        for (int i = seedAt + 1; i < x.length; i++) {
            prev = prev + alpha * (x[i] - prev);
            out[i] = prev;
        }
        return out;
    }

    /** Wilder's RSI over {@code n} bars; first value at index {@code n}. */
    public static double[] rsi(double[] close, int n) {
        return rsi(close, n, Seeding.SMA);
    }

    /**
     * Wilder's relative strength index, 0-100. Gains and losses are the positive and negative close
     * changes; their averages use Wilder's smoothing. With {@link Seeding#SMA} (Wilder, TA-Lib) the
     * first averages are the means of the first {@code n} changes and the first RSI is at index
     * {@code n}; with {@link Seeding#FIRST_VALUE} (ta4j ≤ 0.17) the averages start at 0 on bar 0
     * and the RSI is defined from index 1. When both averages are 0 (flat prices) the RSI is 50,
     * neutral (TA-Lib and ta4j report 0 there, which would read as "extremely oversold").
     */
    public static double[] rsi(double[] close, int n, Seeding seeding) {
        requirePeriod(n);
        int len = close.length;
        double[] out = nanArray(len);
        if (len < 2) {
            return out;
        }
        double avgGain;
        double avgLoss;
        int start;
        if (seeding == Seeding.SMA) {
            if (len <= n) {
                return out;
            }
            double g = 0;
            double l = 0;
            for (int i = 1; i <= n; i++) {
                double d = close[i] - close[i - 1];
                if (d > 0) {
                    g += d;
                } else if (d < 0) {
                    l -= d;
                } else if (d != d) {
                    g = Double.NaN;
                }
            }
            avgGain = g / n;
            avgLoss = l / n;
            out[n] = rsiValue(avgGain, avgLoss);
            start = n + 1;
        } else {
            avgGain = 0;
            avgLoss = 0;
            start = 1;
        }
        double alpha = 1.0 / n;
        for (int i = start; i < len; i++) {
            double d = close[i] - close[i - 1];
            double gain = d > 0 ? d : (d != d ? Double.NaN : 0);
            double loss = d < 0 ? -d : (d != d ? Double.NaN : 0);
            avgGain += alpha * (gain - avgGain);
            avgLoss += alpha * (loss - avgLoss);
            out[i] = rsiValue(avgGain, avgLoss);
        }
        return out;
    }

    private static double rsiValue(double avgGain, double avgLoss) {
        if (avgGain != avgGain || avgLoss != avgLoss) {
            return Double.NaN;
        }
        if (avgLoss == 0) {
            return avgGain == 0 ? 50.0 : 100.0;
        }
        return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
    }

    /** MACD 12/26/9 with SMA-seeded EMAs. */
    public static Macd macd(double[] close) {
        return macd(close, 12, 26, 9, Seeding.SMA);
    }

    /**
     * MACD: line = EMA(fast) − EMA(slow); signal = EMA(line, signalPeriod); histogram = line − signal.
     * With SMA seeding each EMA is seeded independently with its own SMA, so the line starts at
     * index {@code slow − 1} and the signal at {@code slow + signal − 2} (33 for 12/26/9). (TA-Lib's
     * MACD function additionally re-aligns the fast EMA's seed to the slow one; the engine does not.)
     * With first-value seeding everything starts at index 0 (ta4j ≤ 0.17).
     */
    public static Macd macd(double[] close, int fast, int slow, int signal, Seeding seeding) {
        requirePeriod(fast);
        requirePeriod(slow);
        requirePeriod(signal);
        if (fast >= slow) {
            throw new IllegalArgumentException("fast period must be shorter than slow period");
        }
        double[] f = ema(close, fast, seeding);
        double[] s = ema(close, slow, seeding);
        double[] line = new double[close.length];
        for (int i = 0; i < line.length; i++) {
            line[i] = f[i] - s[i];
        }
        int lineStart = seeding == Seeding.SMA ? slow - 1 : 0;
        double[] sig = lineStart < line.length
                ? smooth(line, signal, 2.0 / (signal + 1), seeding, lineStart)
                : nanArray(line.length);
        double[] hist = new double[line.length];
        for (int i = 0; i < hist.length; i++) {
            hist[i] = line[i] - sig[i];
        }
        return new Macd(line, sig, hist);
    }

    /**
     * True range: max(high − low, |high − previous close|, |low − previous close|); on bar 0 it is
     * high − low.
     */
    public static double[] trueRange(double[] high, double[] low, double[] close) {
        requireSameLength(high, low, close);
        double[] out = new double[close.length];
        for (int i = 0; i < out.length; i++) {
            double hl = high[i] - low[i];
            if (i == 0) {
                out[i] = Math.abs(hl);
            } else {
                double pc = close[i - 1];
                out[i] = Math.max(Math.abs(hl), Math.max(Math.abs(high[i] - pc), Math.abs(pc - low[i])));
            }
        }
        return out;
    }

    /** Wilder's ATR over {@code n} bars; TA-Lib seeding, first value at index {@code n}. */
    public static double[] atr(double[] high, double[] low, double[] close, int n) {
        return atr(high, low, close, n, Seeding.SMA);
    }

    /**
     * Average true range with Wilder's smoothing. {@link Seeding#SMA} (Wilder, TA-Lib): the first ATR
     * is the mean of the true ranges of bars 1..n (bar 0 has no previous close), at index {@code n}.
     * {@link Seeding#FIRST_VALUE} (ta4j ≤ 0.17): ATR[0] = high[0] − low[0].
     */
    public static double[] atr(double[] high, double[] low, double[] close, int n, Seeding seeding) {
        requirePeriod(n);
        double[] tr = trueRange(high, low, close);
        return smooth(tr, n, 1.0 / n, seeding, seeding == Seeding.SMA ? 1 : 0);
    }

    /** Highest value of the last {@code n} bars including the current one; first at {@code n − 1}. */
    public static double[] donchianHigh(double[] high, int n) {
        return extreme(high, n, true);
    }

    /** Lowest value of the last {@code n} bars including the current one; first at {@code n − 1}. */
    public static double[] donchianLow(double[] low, int n) {
        return extreme(low, n, false);
    }

    /** Sliding-window extreme with a monotonic deque of indices: O(n) whatever the window. */
    private static double[] extreme(double[] x, int n, boolean max) {
        requirePeriod(n);
        double[] out = nanArray(x.length);
        int[] deque = new int[Math.min(n, x.length) + 1]; // window plus the newcomer before eviction
        int head = 0; // deque holds indices in ring positions head .. head + size - 1
        int size = 0;
        int lastNaN = -1;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (v != v) {
                lastNaN = i;
                size = 0;
            } else {
                while (size > 0) {
                    double tail = x[deque[(head + size - 1) % deque.length]];
                    if (max ? tail <= v : tail >= v) {
                        size--;
                    } else {
                        break;
                    }
                }
                deque[(head + size) % deque.length] = i;
                size++;
            }
            if (size > 0 && deque[head] <= i - n) {
                head = (head + 1) % deque.length;
                size--;
            }
            if (i >= n - 1 && lastNaN <= i - n && size > 0) {
                out[i] = x[deque[head]];
            }
        }
        return out;
    }

    /** Log returns: out[i] = ln(x[i] / x[i−1]), NaN at 0 or where a price is not positive. */
    public static double[] logReturns(double[] x) {
        double[] out = nanArray(x.length);
        for (int i = 1; i < x.length; i++) {
            if (x[i] > 0 && x[i - 1] > 0) {
                out[i] = Math.log(x[i] / x[i - 1]);
            }
        }
        return out;
    }

    /**
     * Annualized realized volatility: sample standard deviation (n − 1 denominator) of the last
     * {@code n} daily log returns × √252. First value at index {@code n} (n returns need n + 1 prices).
     */
    public static double[] realizedVolatility(double[] close, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("volatility needs at least 2 returns");
        }
        double[] r = logReturns(close);
        double[] out = nanArray(close.length);
        double scale = Math.sqrt(TRADING_DAYS);
        // Rolling sums of returns and squared deviations from a fixed shift (the first return in
        // use) keep it O(n) without the cancellation of a raw sum of squares.
        double shift = 0;
        for (int i = 1; i < r.length; i++) {
            if (r[i] == r[i]) {
                shift = r[i];
                break;
            }
        }
        double sum = 0;
        double sumSq = 0;
        int nanCount = 0;
        for (int i = 1; i < close.length; i++) {
            double d = r[i] - shift;
            if (d != d) {
                nanCount++;
            } else {
                sum += d;
                sumSq += d * d;
            }
            if (i > n) {
                double old = r[i - n] - shift;
                if (old != old) {
                    nanCount--;
                } else {
                    sum -= old;
                    sumSq -= old * old;
                }
            }
            if (i >= n) {
                if (nanCount > 0) {
                    continue;
                }
                double var = (sumSq - sum * sum / n) / (n - 1);
                out[i] = Math.sqrt(Math.max(0, var)) * scale;
            }
        }
        return out;
    }

    /** Simple return over {@code n} bars: x[i] / x[i−n] − 1; first value at index {@code n}. */
    public static double[] rollingReturn(double[] x, int n) {
        requirePeriod(n);
        double[] out = nanArray(x.length);
        for (int i = n; i < x.length; i++) {
            out[i] = x[i] / x[i - n] - 1.0;
        }
        return out;
    }

    /**
     * Simple return from {@code end − lookback} to {@code end} (inclusive indices); NaN when out of range.
     * Used for momentum that skips the most recent month: {@code returnBetween(close, last − 21, 231)}.
     */
    public static double returnBetween(double[] x, int end, int lookback) {
        int start = end - lookback;
        if (lookback <= 0 || start < 0 || end >= x.length) {
            return Double.NaN;
        }
        return x[end] / x[start] - 1.0;
    }

    /**
     * Maximum drawdown of {@code x[from..to]} (inclusive): the largest fall from a running peak,
     * as a positive fraction (0.25 = −25%); 0 for a series that never falls, NaN for an empty range.
     */
    public static double maxDrawdown(double[] x, int from, int to) {
        from = Math.max(0, from);
        if (to >= x.length || from > to) {
            return Double.NaN;
        }
        double peak = x[from];
        double mdd = 0;
        for (int i = from; i <= to; i++) {
            double v = x[i];
            if (v > peak) {
                peak = v;
            } else if (peak > 0) {
                double dd = (peak - v) / peak;
                if (dd > mdd) {
                    mdd = dd;
                }
            }
        }
        return mdd;
    }

    /**
     * Beta of a stock against a benchmark over the last {@code n} common daily returns. The two
     * series are aligned by date (epoch days, both strictly increasing): only days present in both
     * count, and a return is taken between consecutive common days, so a day missing in one series
     * (holiday, halt) never pairs returns of different periods. Beta = cov(rs, rb) / var(rb) with
     * simple returns. NaN with fewer than {@code minReturns} common returns or a benchmark whose daily
     * returns do not vary.
     */
    public static double beta(int[] stockDays, double[] stock, int[] benchDays, double[] bench, int n,
            int minReturns) {
        if (stockDays.length != stock.length || benchDays.length != bench.length) {
            throw new IllegalArgumentException("dates and values must have the same length");
        }
        // walk backwards collecting common indices (at most n + 1 of them)
        int[] si = new int[n + 1];
        int[] bi = new int[n + 1];
        int count = 0;
        int i = stockDays.length - 1;
        int j = benchDays.length - 1;
        while (i >= 0 && j >= 0 && count <= n) {
            if (stockDays[i] == benchDays[j]) {
                si[count] = i--;
                bi[count] = j--;
                count++;
            } else if (stockDays[i] > benchDays[j]) {
                i--;
            } else {
                j--;
            }
        }
        int returns = count - 1;
        if (returns < Math.max(2, minReturns)) {
            return Double.NaN;
        }
        double ms = 0;
        double mb = 0;
        double[] rs = new double[returns];
        double[] rb = new double[returns];
        for (int k = 0; k < returns; k++) {
            // si is newest-first: the return ending at si[k] starts at si[k + 1]
            rs[k] = stock[si[k]] / stock[si[k + 1]] - 1.0;
            rb[k] = bench[bi[k]] / bench[bi[k + 1]] - 1.0;
            ms += rs[k];
            mb += rb[k];
        }
        ms /= returns;
        mb /= returns;
        double cov = 0;
        double var = 0;
        for (int k = 0; k < returns; k++) {
            cov += (rs[k] - ms) * (rb[k] - mb);
            var += (rb[k] - mb) * (rb[k] - mb);
        }
        // a benchmark whose returns do not vary (std-dev below 1e-6 a day) has no meaningful beta
        return var / returns < 1e-12 ? Double.NaN : cov / var;
    }

    /**
     * Percentile rank of {@code value} among {@code values[from..to]} (inclusive), NaNs ignored:
     * the share of values strictly below plus half the ties, in [0, 1]. NaN if no value is known.
     */
    public static double percentileRank(double[] values, int from, int to, double value) {
        int below = 0;
        int equal = 0;
        int total = 0;
        for (int i = Math.max(0, from); i <= to && i < values.length; i++) {
            double v = values[i];
            if (v != v) {
                continue;
            }
            total++;
            if (v < value) {
                below++;
            } else if (v == value) {
                equal++;
            }
        }
        return total == 0 || value != value ? Double.NaN : (below + 0.5 * equal) / total;
    }

    /** Last value of an array, NaN if empty. */
    public static double last(double[] x) {
        return x.length == 0 ? Double.NaN : x[x.length - 1];
    }

    /** Value {@code back} bars before the last one, NaN when out of range. */
    public static double ago(double[] x, int back) {
        int i = x.length - 1 - back;
        return i < 0 || back < 0 ? Double.NaN : x[i];
    }

    private static double[] nanArray(int n) {
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        return out;
    }

    private static boolean hasNaN(double[] x) {
        for (double v : x) {
            if (v != v) {
                return true;
            }
        }
        return false;
    }

    private static void requirePeriod(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("period must be >= 1, was " + n);
        }
    }

    private static void requireSameLength(double[] a, double[] b, double[] c) {
        if (a.length != b.length || b.length != c.length) {
            throw new IllegalArgumentException("high, low and close must have the same length");
        }
    }
}
