package io.stockradar.bench.kernels;

import io.stockradar.agent.engine.indicator.Indicators;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Where the engine's time goes, in the shape {@link EngineKernels} computes the set (MACD with its two EMAs
 * in one pass, the log returns once for both volatility windows): each kernel alone, one pass = every symbol
 * of the panel, the fastest of {@value #PASSES} passes (resists bursts of load on a shared machine), after a
 * warm-up. Not JMH; engine only (the paired and JMH figures compare with ta4j). Prints ns per symbol.
 * The {@code whole set} row is {@link EngineKernels#compute}; it exceeds the sum of the rows by the
 * allocation of its 14 output series and the memory traffic of running everything back to back.
 */
public final class KernelCosts {

    private static final int PASSES = 40;

    private static double sink;

    private KernelCosts() {
    }

    public static void main(String[] args) {
        Panel p = Panel.standard();
        double[][] logReturns = new double[p.symbols()][];
        for (int s = 0; s < p.symbols(); s++) {
            logReturns[s] = Indicators.logReturns(p.close(s));
        }
        int last = p.bars() - 1;
        Map<String, IntToDoubleFunction> kernels = new LinkedHashMap<>();
        kernels.put("sma20", s -> Indicators.sma(p.close(s), 20)[last]);
        kernels.put("sma50", s -> Indicators.sma(p.close(s), 50)[last]);
        kernels.put("sma200", s -> Indicators.sma(p.close(s), 200)[last]);
        kernels.put("macd 12/26/9 incl. ema12 + ema26", s -> Indicators.macd(p.close(s)).histogram()[last]);
        kernels.put("rsi14", s -> Indicators.rsi(p.close(s), 14)[last]);
        kernels.put("atr14", s -> Indicators.atr(p.high(s), p.low(s), p.close(s), 14)[last]);
        kernels.put("donchian20 upper + lower", s -> Indicators.donchianHigh(p.high(s), 20)[last]
                + Indicators.donchianLow(p.low(s), 20)[last]);
        kernels.put("log returns (once)", s -> Indicators.logReturns(p.close(s))[last]);
        kernels.put("vol20 from log returns", s -> Indicators.realizedVolatilityOfReturns(logReturns[s], 20)[last]);
        kernels.put("vol60 from log returns", s -> Indicators.realizedVolatilityOfReturns(logReturns[s], 60)[last]);
        kernels.put("beta252", s -> Indicators.beta(p.epochDays(), p.close(s), p.epochDays(), p.benchmarkClose(),
                KernelValues.WINDOW, 60));
        kernels.put("mdd252", s -> Indicators.maxDrawdown(p.close(s), last + 1 - KernelValues.WINDOW, last));
        kernels.put("whole set (EngineKernels.compute)", s -> EngineKernels.compute(p, s).beta252());

        for (int round = 0; round < 3; round++) { // warm-up: every kernel compiled before anything counts
            kernels.values().forEach(kernel -> fastestPass(p, kernel, 5));
        }
        double sum = 0;
        System.out.printf("%-36s %10s%n", "kernel (engine, one thread)", "ns/symbol");
        for (Map.Entry<String, IntToDoubleFunction> kernel : kernels.entrySet()) {
            double ns = fastestPass(p, kernel.getValue(), PASSES);
            if (!kernel.getKey().startsWith("whole")) {
                sum += ns;
            } else {
                System.out.printf("%-36s %,10.0f%n", "sum of the rows above", sum);
            }
            System.out.printf("%-36s %,10.0f%n", kernel.getKey(), ns);
        }
        System.out.println(sink == 42 ? "" : "");
    }

    private static double fastestPass(Panel p, IntToDoubleFunction kernel, int passes) {
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            double acc = 0;
            for (int s = 0; s < p.symbols(); s++) {
                acc += kernel.applyAsDouble(s);
            }
            best = Math.min(best, (System.nanoTime() - t0) / (double) p.symbols());
            sink += acc;
        }
        return best;
    }
}
