package io.stockradar.bench.kernels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmarked indicator set for one symbol: 14 per-bar series (13 indicators counting MACD's line,
 * signal and histogram as one indicator and the Donchian channel's two bands as one) plus two scalars
 * over the last {@link #WINDOW} bars, exactly what the risk agent computes (beta against the
 * benchmark and maximum drawdown).
 */
public record KernelValues(double[] sma20, double[] sma50, double[] sma200, double[] ema12, double[] ema26,
        double[] rsi14, double[] macdLine, double[] macdSignal, double[] macdHistogram, double[] atr14,
        double[] donchianHigh20, double[] donchianLow20, double[] vol20, double[] vol60, double beta252,
        double maxDrawdown252) {

    /** Indicators per symbol used as the denominator of "ns per bar-indicator" (same for every implementation). */
    public static final int INDICATORS = 13;

    /** Look-back of the scalar indicators (beta, max drawdown), as in the risk agent. */
    public static final int WINDOW = 252;

    /** Per-bar series by name, in a fixed order (the names pandas_kernels.py uses). */
    public Map<String, double[]> series() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("sma20", sma20);
        m.put("sma50", sma50);
        m.put("sma200", sma200);
        m.put("ema12", ema12);
        m.put("ema26", ema26);
        m.put("rsi14", rsi14);
        m.put("macd_line", macdLine);
        m.put("macd_signal", macdSignal);
        m.put("macd_hist", macdHistogram);
        m.put("atr14", atr14);
        m.put("donchian_high20", donchianHigh20);
        m.put("donchian_low20", donchianLow20);
        m.put("vol20", vol20);
        m.put("vol60", vol60);
        return m;
    }

    /** Scalars by name, in a fixed order. */
    public Map<String, Double> scalars() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("beta252", beta252);
        m.put("mdd252", maxDrawdown252);
        return m;
    }
}
