package io.stockradar.bench.kernels;

import io.stockradar.agent.engine.indicator.Indicators;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
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
 * Optional (run.sh with BREAKDOWN=1): where the time goes, one kernel at a time, one symbol per op
 * (round-robin over the panel), same calls as {@link EngineKernels} / {@link Ta4jKernels}. As in
 * {@link KernelBenchmark} every ta4j op builds its DoubleNum BarSeries first: the {@code series} row
 * is that alone, so a ta4j kernel costs its row minus the {@code series} row (report.py does that).
 * Engine rows are standalone calls: the {@code macd} row includes its two EMAs and the {@code vol} rows
 * their log returns, which {@link EngineKernels} computes once for the whole set, so the engine rows sum to
 * more than the set costs ({@link KernelCosts} measures the set's own shape).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class KernelBreakdown {

    @Param({"series", "sma20", "sma50", "sma200", "ema12", "ema26", "rsi14", "macd", "atr14", "donchian20", "vol20",
            "vol60", "beta252", "mdd252"})
    public String kernel;

    Panel panel;
    ClosePriceRatioIndicator benchRatio;
    int next;

    @Setup(Level.Trial)
    public void load() {
        panel = Panel.standard();
        BarSeries b = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
        double[] c = panel.benchmarkClose();
        for (int i = 0; i < c.length; i++) {
            b.addBar(LocalDate.ofEpochDay(panel.epochDays()[i]).atStartOfDay(ZoneOffset.UTC), c[i], c[i], c[i], c[i], 0);
        }
        benchRatio = new ClosePriceRatioIndicator(b);
        for (int i = 0; i < c.length; i++) {
            benchRatio.getValue(i);
        }
    }

    private BarSeries build(int s) {
        BarSeries out = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
        for (int i = 0; i < panel.bars(); i++) {
            out.addBar(LocalDate.ofEpochDay(panel.epochDays()[i]).atStartOfDay(ZoneOffset.UTC),
                    DoubleNum.valueOf(panel.open(s)[i]), DoubleNum.valueOf(panel.high(s)[i]),
                    DoubleNum.valueOf(panel.low(s)[i]), DoubleNum.valueOf(panel.close(s)[i]),
                    DoubleNum.valueOf(panel.volume(s)[i]));
        }
        return out;
    }

    private int nextSymbol() {
        int s = next;
        next = s + 1 == panel.symbols() ? 0 : s + 1;
        return s;
    }

    @Benchmark
    public void engine(Blackhole bh) {
        int s = nextSymbol();
        double[] h = panel.high(s);
        double[] l = panel.low(s);
        double[] c = panel.close(s);
        switch (kernel) {
            case "series" -> bh.consume(c);
            case "sma20" -> bh.consume(Indicators.sma(c, 20));
            case "sma50" -> bh.consume(Indicators.sma(c, 50));
            case "sma200" -> bh.consume(Indicators.sma(c, 200));
            case "ema12" -> bh.consume(Indicators.ema(c, 12));
            case "ema26" -> bh.consume(Indicators.ema(c, 26));
            case "rsi14" -> bh.consume(Indicators.rsi(c, 14));
            case "macd" -> bh.consume(Indicators.macd(c));
            case "atr14" -> bh.consume(Indicators.atr(h, l, c, 14));
            case "donchian20" -> {
                bh.consume(Indicators.donchianHigh(h, 20));
                bh.consume(Indicators.donchianLow(l, 20));
            }
            case "vol20" -> bh.consume(Indicators.realizedVolatility(c, 20));
            case "vol60" -> bh.consume(Indicators.realizedVolatility(c, 60));
            case "beta252" -> bh.consume(Indicators.beta(panel.epochDays(), c, panel.epochDays(),
                    panel.benchmarkClose(), 252, 60));
            case "mdd252" -> bh.consume(Indicators.maxDrawdown(c, c.length - 252, c.length - 1));
            default -> throw new IllegalArgumentException(kernel);
        }
    }

    @Benchmark
    public void ta4j(Blackhole bh) {
        BarSeries series = build(nextSymbol());
        if (kernel.equals("series")) {
            bh.consume(series);
            return;
        }
        int n = series.getBarCount();
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        switch (kernel) {
            case "sma20" -> read(bh, new SMAIndicator(close, 20), n);
            case "sma50" -> read(bh, new SMAIndicator(close, 50), n);
            case "sma200" -> read(bh, new SMAIndicator(close, 200), n);
            case "ema12" -> read(bh, new EMAIndicator(close, 12), n);
            case "ema26" -> read(bh, new EMAIndicator(close, 26), n);
            case "rsi14" -> read(bh, new RSIIndicator(close, 14), n);
            case "macd" -> {
                MACDIndicator macd = new MACDIndicator(close, 12, 26);
                EMAIndicator signal = macd.getSignalLine(9);
                read(bh, macd, n);
                read(bh, signal, n);
                read(bh, CombineIndicator.minus(macd, signal), n);
            }
            case "atr14" -> read(bh, new ATRIndicator(series, 14), n);
            case "donchian20" -> {
                read(bh, new DonchianChannelUpperIndicator(series, 20), n);
                read(bh, new DonchianChannelLowerIndicator(series, 20), n);
            }
            case "vol20" -> read(bh, new StandardDeviationIndicator(
                    TransformIndicator.log(new ClosePriceRatioIndicator(series)), 20), n);
            case "vol60" -> read(bh, new StandardDeviationIndicator(
                    TransformIndicator.log(new ClosePriceRatioIndicator(series)), 60), n);
            case "beta252" -> bh.consume(new CovarianceIndicator(new ClosePriceRatioIndicator(series), benchRatio, 252)
                    .getValue(n - 1).doubleValue()
                    / new VarianceIndicator(benchRatio, 252).getValue(n - 1).doubleValue());
            case "mdd252" -> bh.consume(new MaximumDrawdownCriterion().calculate(series,
                    new Position(Trade.buyAt(n - 252, series), Trade.sellAt(n - 1, series))).doubleValue());
            default -> throw new IllegalArgumentException(kernel);
        }
    }

    private static void read(Blackhole bh, Indicator<Num> indicator, int n) {
        for (int i = 0; i < n; i++) {
            bh.consume(indicator.getValue(i).doubleValue());
        }
    }
}
