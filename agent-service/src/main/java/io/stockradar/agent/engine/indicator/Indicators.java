package io.stockradar.agent.engine.indicator;

import java.util.Arrays;

/**
 * Technical indicators as pure static functions over primitive arrays, oldest value first.
 *
 * <p>Conventions: every function returns a new array as long as its input, with {@code NaN} where
 * the value is not defined yet (warm-up) — never a partial-window value. A NaN in the input
 * propagates to the outputs it touches. Recursive averages follow {@link Seeding#SMA} (TA-Lib:
 * EMA and Wilder's smoothing seeded with the simple mean of the first {@code n} values) unless a
 * {@link Seeding} is passed. Each function is a primitive O(n) loop (rolling sums, blockwise
 * prefix/suffix extremes for Donchian) with one allocation per output array (plus one scratch array
 * where noted) and no intermediate arrays; only the warm-up prefix is filled with NaN. Callers that
 * need several indicators of one series share the work explicitly: {@link #macd(double[])} returns the
 * EMA 12/26 it is made of, {@link #realizedVolatilityOfReturns} reuses one {@link #logReturns} array.
 */
public final class Indicators {

    /** Trading days per year used to annualize volatility. */
    public static final double TRADING_DAYS = 252.0;

    private Indicators() {
    }

    /** Simple moving average over {@code n} values; first value at index {@code n - 1}. */
    public static double[] sma(double[] x, int n) {
        requirePeriod(n);
        double[] out = nanPrefix(x.length, n - 1);
        int warm = Math.min(n - 1, x.length);
        double sum = 0;
        for (int i = 0; i < warm; i++) {
            sum += x[i];
        }
        if (n - 1 < x.length) {
            sum += x[n - 1];
            out[n - 1] = sum / n;
        }
        for (int i = n; i < x.length; i++) {
            sum += x[i] - x[i - n];
            out[i] = sum / n;
        }
        // A running sum carries NaN forever once it has seen one (and an infinity turns into NaN when it
        // leaves the window); recompute the windows then, so that a NaN only poisons the n windows that
        // contain it.
        if (sum != sum) {
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
        int seedAt = seeding == Seeding.SMA ? from + n - 1 : from;
        double[] out = nanPrefix(x.length, seedAt);
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
        // prev + alpha (x − prev) written as alpha x + (1 − alpha) prev: the recursion's dependency chain is
        // one multiply and one add instead of subtract, multiply, add (the loop is latency-bound)
        double keep = 1.0 - alpha;
        for (int i = seedAt + 1; i < x.length; i++) {
            prev = alpha * x[i] + keep * prev;
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
        double[] out = nanPrefix(len, seeding == Seeding.SMA ? n : 1);
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
        double keep = 1.0 - alpha;
        for (int i = start; i < len; i++) {
            double d = close[i] - close[i - 1];
            // Math.max compiles to branch-free code (up or down is a coin flip for a predictor); NaN stays NaN
            avgGain = alpha * Math.max(d, 0.0) + keep * avgGain;
            avgLoss = alpha * Math.max(-d, 0.0) + keep * avgLoss;
            out[i] = rsiValue(avgGain, avgLoss);
        }
        return out;
    }

    /** 100 − 100 / (1 + gain/loss) = 100 · gain / (gain + loss): one division; 50 when both are 0. */
    private static double rsiValue(double avgGain, double avgLoss) {
        double total = avgGain + avgLoss;
        return total == 0 ? 50.0 : 100.0 * avgGain / total; // NaN in, NaN out
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
        int len = close.length;
        boolean smaSeed = seeding == Seeding.SMA;
        // where each recursion starts (SMA seeding: the mean of the first values, placed on the last of them)
        int fastSeed = smaSeed ? fast - 1 : 0;
        int slowSeed = smaSeed ? slow - 1 : 0;
        int signalSeed = smaSeed ? slowSeed + signal - 1 : 0;
        double[] f = nanPrefix(len, fastSeed);
        double[] s = nanPrefix(len, slowSeed);
        double[] line = nanPrefix(len, slowSeed);
        double[] sig = nanPrefix(len, signalSeed);
        double[] hist = nanPrefix(len, signalSeed);
        double af = 2.0 / (fast + 1);
        double as = 2.0 / (slow + 1);
        double ag = 2.0 / (signal + 1);
        double kf = 1.0 - af;
        double ks = 1.0 - as;
        double kg = 1.0 - ag;
        // one pass, three independent recursions (fast, slow, signal): their latencies overlap
        double fv = 0;
        double sv = 0;
        double gv = 0;
        double lineSum = 0;
        for (int i = 0; i < len; i++) {
            double c = close[i];
            if (i > fastSeed) {
                fv = af * c + kf * fv;
            } else {
                fv += c; // the seed's sum
                if (i == fastSeed && smaSeed) {
                    fv /= fast;
                }
            }
            if (i > slowSeed) {
                sv = as * c + ks * sv;
            } else {
                sv += c;
                if (i == slowSeed && smaSeed) {
                    sv /= slow;
                }
            }
            if (i >= fastSeed) {
                f[i] = fv;
            }
            if (i < slowSeed) {
                continue;
            }
            s[i] = sv;
            double l = fv - sv;
            line[i] = l;
            if (i > signalSeed) {
                gv = ag * l + kg * gv;
            } else {
                gv += l;
                if (i < signalSeed) {
                    continue;
                }
                if (smaSeed) {
                    gv /= signal;
                }
            }
            sig[i] = gv;
            hist[i] = l - gv;
        }
        return new Macd(f, s, line, sig, hist);
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
        requireSameLength(high, low, close);
        // the true range is folded into the smoothing: no intermediate array
        int len = close.length;
        int seedAt = seeding == Seeding.SMA ? n : 0;
        double[] out = nanPrefix(len, seedAt);
        if (seedAt >= len) {
            return out;
        }
        double alpha = 1.0 / n;
        double prev;
        if (seeding == Seeding.SMA) {
            double sum = 0;
            for (int i = 1; i <= n; i++) {
                sum += trueRange(high[i], low[i], close[i - 1]);
            }
            prev = sum / n;
        } else {
            prev = Math.abs(high[0] - low[0]);
        }
        out[seedAt] = prev;
        double keep = 1.0 - alpha;
        for (int i = seedAt + 1; i < len; i++) {
            prev = alpha * trueRange(high[i], low[i], close[i - 1]) + keep * prev;
            out[i] = prev;
        }
        return out;
    }

    private static double trueRange(double high, double low, double previousClose) {
        return Math.max(Math.abs(high - low), Math.max(Math.abs(high - previousClose), Math.abs(previousClose - low)));
    }

    /** Highest value of the last {@code n} bars including the current one; first at {@code n − 1}. */
    public static double[] donchianHigh(double[] high, int n) {
        return extreme(high, n, true);
    }

    /** Lowest value of the last {@code n} bars including the current one; first at {@code n − 1}. */
    public static double[] donchianLow(double[] low, int n) {
        return extreme(low, n, false);
    }

    /**
     * Sliding-window extreme, O(n) whatever the window, without data-dependent branches (van Herk /
     * Gil-Werman): cut the series into blocks of {@code n}; a window ending at {@code i} is the suffix of
     * one block from {@code i − n + 1} plus the prefix of the next up to {@code i}, so its extreme is
     * {@code max(suffixMax[i − n + 1], prefixMax[i])}: three comparisons per bar. The comparisons run on
     * {@link #orderedBits} of the values with {@code Math.max/min(long, long)}, which compile to
     * conditional moves: a monotonic deque's pops, or branches on doubles, depend on the data and
     * mispredict often, and {@code Math.max(double, double)} is a long dependency chain on x86. A window
     * containing a NaN is NaN.
     */
    private static double[] extreme(double[] x, int n, boolean max) {
        requirePeriod(n);
        int len = x.length;
        double[] out = nanPrefix(len, n - 1);
        if (len < n) {
            return out;
        }
        // Block by block: the suffix extremes of the previous block (scratch of one block) meet the prefix
        // extreme of the current one. Block 0 only provides suffixes; its one window is the block itself.
        long[] suffix = new long[n];
        suffixExtremes(x, 0, n, max, suffix);
        int lastNaN = lastNaN(x, 0, n - 1);
        out[n - 1] = lastNaN >= 0 ? Double.NaN : fromOrderedBits(suffix[0]);
        for (int blockStart = n; blockStart < len; blockStart += n) {
            int blockEnd = Math.min(len, blockStart + n);
            long prefix = 0;
            for (int i = blockStart; i < blockEnd; i++) {
                double value = x[i];
                if (value != value) {
                    lastNaN = i;
                }
                long v = orderedBits(value);
                prefix = i == blockStart ? v : max ? Math.max(prefix, v) : Math.min(prefix, v);
                int k = i - blockStart + 1; // the window starts at suffix[k] of the previous block
                long e = k == n ? prefix : max ? Math.max(suffix[k], prefix) : Math.min(suffix[k], prefix);
                out[i] = lastNaN > i - n ? Double.NaN : fromOrderedBits(e);
            }
            if (blockEnd - blockStart == n) {
                suffixExtremes(x, blockStart, n, max, suffix);
            }
        }
        return out;
    }

    /** {@code suffix[k]} = extreme of {@code x[from + k .. from + n − 1]}, as {@link #orderedBits}. */
    private static void suffixExtremes(double[] x, int from, int n, boolean max, long[] suffix) {
        long e = orderedBits(x[from + n - 1]);
        suffix[n - 1] = e;
        for (int k = n - 2; k >= 0; k--) {
            long v = orderedBits(x[from + k]);
            e = max ? Math.max(e, v) : Math.min(e, v);
            suffix[k] = e;
        }
    }

    private static int lastNaN(double[] x, int from, int to) {
        for (int i = to; i >= from; i--) {
            if (x[i] != x[i]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The bits of {@code v} mapped so that signed {@code long} order is numeric order (negative values
     * have their magnitude bits flipped); {@link #fromOrderedBits} inverts it. NaNs sort above +∞ or below
     * −∞ (never used: their windows are NaN).
     */
    private static long orderedBits(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    private static double fromOrderedBits(long ordered) {
        return Double.longBitsToDouble(ordered ^ ((ordered >> 63) & Long.MAX_VALUE));
    }

    /** Log returns: out[i] = ln(x[i] / x[i−1]), NaN at 0 or where a price is not positive. */
    public static double[] logReturns(double[] x) {
        double[] out = nanPrefix(x.length, 1);
        // ln(x[i]) − ln(x[i−1]): one logarithm per bar and no division (abs. difference from ln(x[i]/x[i−1])
        // ~1e-16 × |ln x|, far below any use of the returns)
        double previous = x.length > 0 && x[0] > 0 ? Math.log(x[0]) : Double.NaN;
        for (int i = 1; i < x.length; i++) {
            double current = x[i] > 0 ? Math.log(x[i]) : Double.NaN;
            out[i] = current - previous;
            previous = current;
        }
        return out;
    }

    /**
     * Annualized realized volatility: sample standard deviation (n − 1 denominator) of the last
     * {@code n} daily log returns × √252. First value at index {@code n} (n returns need n + 1 prices).
     */
    public static double[] realizedVolatility(double[] close, int n) {
        return realizedVolatilityOfReturns(logReturns(close), n);
    }

    /**
     * {@link #realizedVolatility(double[], int)} from the log returns ({@link #logReturns} of the close),
     * so that several windows (the risk agent's 20 and 60 days) take the logarithms once.
     */
    public static double[] realizedVolatilityOfReturns(double[] r, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("volatility needs at least 2 returns");
        }
        double[] out = nanPrefix(r.length, n);
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
        int nanCount = 0; // NaN returns in the window: they add 0 to the sums and make the value NaN
        double invN = 1.0 / n;
        double invN1 = 1.0 / (n - 1);
        for (int i = 1; i < r.length; i++) {
            double in = r[i] - shift;
            if (in != in) {
                nanCount++;
                in = 0;
            }
            double outgoing = 0;
            if (i > n) {
                outgoing = r[i - n] - shift;
                if (outgoing != outgoing) {
                    nanCount--;
                    outgoing = 0;
                }
            }
            // one add per sum on the loop-carried chain
            sum += in - outgoing;
            sumSq += in * in - outgoing * outgoing;
            if (i >= n) {
                if (nanCount > 0) {
                    out[i] = Double.NaN;
                } else {
                    double var = (sumSq - sum * sum * invN) * invN1;
                    out[i] = Math.sqrt(Math.max(0, var)) * scale;
                }
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

    /** A new array of {@code length} whose first {@code prefix} values (the warm-up) are NaN. */
    private static double[] nanPrefix(int length, int prefix) {
        double[] out = new double[length];
        Arrays.fill(out, 0, Math.max(0, Math.min(prefix, length)), Double.NaN);
        return out;
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
