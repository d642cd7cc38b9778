package io.stockradar.bench.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Apples to apples: the engine and ta4j must compute the same numbers. Every per-bar value from
 * {@link #WARMED_UP} on (ta4j 0.17 seeds EMA/RSI/ATR with the first value, the engine with the SMA;
 * the difference decays below 1e-8 by then) and both scalars must agree to {@link #EPS}.
 */
public final class CrossCheck {

    public static final double EPS = 1e-6;
    public static final int WARMED_UP = 300;

    private CrossCheck() {
    }

    /** Symbols checked by default: every real series and two generated ones. */
    public static int[] defaultSymbols(Panel p) {
        int[] s = new int[p.realSymbols() + 2];
        for (int i = 0; i < p.realSymbols(); i++) {
            s[i] = i;
        }
        s[p.realSymbols()] = p.realSymbols();
        s[p.realSymbols() + 1] = p.symbols() - 1;
        return s;
    }

    /** Mismatches (empty when everything agrees) and the number of values compared. */
    public record Result(List<String> mismatches, int compared) {
    }

    public static Result compare(String symbol, KernelValues engine, KernelValues reference) {
        List<String> bad = new ArrayList<>();
        int compared = 0;
        Map<String, double[]> ours = engine.series();
        Map<String, double[]> theirs = reference.series();
        for (Map.Entry<String, double[]> e : ours.entrySet()) {
            double[] a = e.getValue();
            double[] b = theirs.get(e.getKey());
            if (a.length != b.length) {
                bad.add(symbol + " " + e.getKey() + ": length " + a.length + " vs " + b.length);
                continue;
            }
            for (int i = WARMED_UP; i < a.length; i++) {
                compared++;
                if (!(Math.abs(a[i] - b[i]) <= EPS)) {
                    bad.add("%s %s[%d]: engine %.12g vs ta4j %.12g".formatted(symbol, e.getKey(), i, a[i], b[i]));
                }
            }
        }
        for (Map.Entry<String, Double> e : engine.scalars().entrySet()) {
            compared++;
            double a = e.getValue();
            double b = reference.scalars().get(e.getKey());
            if (!(Math.abs(a - b) <= EPS)) {
                bad.add("%s %s: engine %.12g vs ta4j %.12g".formatted(symbol, e.getKey(), a, b));
            }
        }
        return new Result(bad, compared);
    }

    public static Result run(Panel p, int... symbols) {
        Ta4jKernels ta4j = new Ta4jKernels(p);
        List<String> bad = new ArrayList<>();
        int compared = 0;
        for (int s : symbols) {
            Result r = compare(p.name(s), EngineKernels.compute(p, s), ta4j.compute(s));
            bad.addAll(r.mismatches());
            compared += r.compared();
        }
        return new Result(bad, compared);
    }

    public static void main(String[] args) {
        Panel p = Panel.standard();
        int[] symbols = defaultSymbols(p);
        Result r = run(p, symbols);
        if (!r.mismatches().isEmpty()) {
            r.mismatches().stream().limit(20).forEach(System.err::println);
            System.err.printf("engine vs ta4j: %d of %d values differ by more than %g%n", r.mismatches().size(),
                    r.compared(), EPS);
            System.exit(1);
        }
        System.out.printf("engine vs ta4j: %d values on %d series (bars %d..%d + beta, MDD) agree to %g%n",
                r.compared(), symbols.length, WARMED_UP, p.bars() - 1, EPS);
    }
}
