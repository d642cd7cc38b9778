package io.stockradar.bench.kernels;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.Position;
import org.ta4j.core.Trade;
import org.ta4j.core.criteria.MaximumDrawdownCriterion;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelLowerIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceRatioIndicator;
import org.ta4j.core.indicators.helpers.CombineIndicator;
import org.ta4j.core.indicators.helpers.TransformIndicator;
import org.ta4j.core.indicators.statistics.CovarianceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.statistics.VarianceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * The same indicator set with ta4j 0.17 and {@link DoubleNum} (its fastest number type), written the
 * way a ta4j user would: build a {@link BarSeries}, wire the library's indicators, read every value.
 *
 * <p>Mapping: SMA/EMA/RSI/MACD/ATR/Donchian are ta4j's own indicators (EMA, RSI and ATR seeded with
 * the first value in 0.17, so they equal the engine's SMA-seeded values only after the warm-up; the
 * histogram reuses the signal line instead of {@code getHistogram}, which would compute a second
 * one). Realized volatility = {@link StandardDeviationIndicator} (population) of log close ratios,
 * times √(n/(n−1))·√252 when read. Beta = {@link CovarianceIndicator} / {@link VarianceIndicator} of
 * close ratios (both population, 252 bars; ratio − 1 has the same covariance). Max drawdown =
 * {@link MaximumDrawdownCriterion} of a buy-and-hold position over the last 252 bars (its cash flow is
 * the price rescaled, so the drawdown is the price's).
 */
public final class Ta4jKernels {

    private final Panel panel;
    private final ZonedDateTime[] ends;
    private final ClosePriceRatioIndicator benchRatio;

    /** Shared per panel, as an application would keep them: bar end times and the benchmark's returns. */
    public Ta4jKernels(Panel panel) {
        this.panel = panel;
        int[] days = panel.epochDays();
        this.ends = new ZonedDateTime[days.length];
        for (int i = 0; i < days.length; i++) {
            ends[i] = LocalDate.ofEpochDay(days[i]).atStartOfDay(ZoneOffset.UTC);
        }
        double[] b = panel.benchmarkClose();
        this.benchRatio = new ClosePriceRatioIndicator(series(Panel.BENCHMARK, b, b, b, b, new double[b.length]));
        for (int i = 0; i < b.length; i++) {
            benchRatio.getValue(i); // fill its cache once
        }
    }

    /** A DoubleNum BarSeries of symbol {@code s}. */
    public BarSeries series(int s) {
        return series(panel.name(s), panel.open(s), panel.high(s), panel.low(s), panel.close(s), panel.volume(s));
    }

    private BarSeries series(String name, double[] o, double[] h, double[] l, double[] c, double[] v) {
        BarSeries series = new BaseBarSeriesBuilder().withName(name).withNumTypeOf(DoubleNum.class).build();
        for (int i = 0; i < c.length; i++) {
            series.addBar(ends[i], DoubleNum.valueOf(o[i]), DoubleNum.valueOf(h[i]), DoubleNum.valueOf(l[i]),
                    DoubleNum.valueOf(c[i]), DoubleNum.valueOf(v[i]));
        }
        return series;
    }

    /**
     * Builds the series of symbol {@code s}, then computes and reads every indicator value into
     * arrays (ta4j computes lazily: a value that is not read is not computed).
     */
    public KernelValues compute(int s) {
        return compute(series(s));
    }

    /** Computes and reads every indicator value on an existing series. */
    public KernelValues compute(BarSeries series) {
        int n = series.getBarCount();
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        EMAIndicator signal = macd.getSignalLine(9);
        ClosePriceRatioIndicator ratio = new ClosePriceRatioIndicator(series);
        Indicator<Num> logReturn = TransformIndicator.log(ratio);
        double sample20 = Math.sqrt(20 / 19.0) * Math.sqrt(252);
        double sample60 = Math.sqrt(60 / 59.0) * Math.sqrt(252);
        int last = n - 1;
        double beta = new CovarianceIndicator(ratio, benchRatio, KernelValues.WINDOW).getValue(last).doubleValue()
                / new VarianceIndicator(benchRatio, KernelValues.WINDOW).getValue(last).doubleValue();
        Position hold = new Position(Trade.buyAt(n - KernelValues.WINDOW, series), Trade.sellAt(last, series));
        double mdd = new MaximumDrawdownCriterion().calculate(series, hold).doubleValue();
        return new KernelValues(read(new SMAIndicator(close, 20), n, 1), read(new SMAIndicator(close, 50), n, 1),
                read(new SMAIndicator(close, 200), n, 1), read(new EMAIndicator(close, 12), n, 1),
                read(new EMAIndicator(close, 26), n, 1), read(new RSIIndicator(close, 14), n, 1), read(macd, n, 1),
                read(signal, n, 1), read(CombineIndicator.minus(macd, signal), n, 1),
                read(new ATRIndicator(series, 14), n, 1), read(new DonchianChannelUpperIndicator(series, 20), n, 1),
                read(new DonchianChannelLowerIndicator(series, 20), n, 1),
                read(new StandardDeviationIndicator(logReturn, 20), n, sample20),
                read(new StandardDeviationIndicator(logReturn, 60), n, sample60), beta, mdd);
    }

    private static double[] read(Indicator<Num> indicator, int n, double factor) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = indicator.getValue(i).doubleValue() * factor;
        }
        return out;
    }
}
