package io.stockradar.bench.kernels;

import java.util.Arrays;

/**
 * A second, load-robust estimate of the engine/ta4j ratio for shared machines (not JMH): the two
 * implementations run alternately on the same block of symbols, each block sized to take about the
 * same wall time, and the ratio is taken per adjacent pair. Load from other processes changes on a
 * scale of seconds, so it slows both halves of a pair alike; the median over the pairs is reported.
 * Usage: {@code PairedRatio [pairs]} (default 30, about 10 s on a quiet machine).
 */
public final class PairedRatio {

    private static final int BLOCK = 50;
    private static Object sink;

    private PairedRatio() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Panel p = Panel.standard();
        Ta4jKernels ta4j = new Ta4jKernels(p);
        // warm-up: both paths compiled by C2 before anything counts
        for (int k = 0; k < 3; k++) {
            engine(p, 0, p.symbols(), 10);
            ta4j(ta4j, p, 0, p.symbols());
        }
        int engineRepeats = 20; // engine blocks repeated so that both halves last a similar time
        double[] ratio = new double[pairs];
        double[] engineNs = new double[pairs];
        double[] ta4jNs = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            int from = (i * BLOCK) % (p.symbols() - BLOCK);
            long t0 = System.nanoTime();
            engine(p, from, from + BLOCK, engineRepeats);
            long t1 = System.nanoTime();
            ta4j(ta4j, p, from, from + BLOCK);
            long t2 = System.nanoTime();
            engineNs[i] = (t1 - t0) / (double) (BLOCK * engineRepeats);
            ta4jNs[i] = (t2 - t1) / (double) BLOCK;
            ratio[i] = ta4jNs[i] / engineNs[i];
        }
        double perSymbol = (double) p.bars() * KernelValues.INDICATORS;
        System.out.printf("paired engine/ta4j (%d pairs of %d symbols): median ratio %.1fx (quartiles %.1f-%.1f); "
                + "median engine %.2f, ta4j %.2f ns/bar-indicator%n", pairs, BLOCK, median(ratio),
                quantile(ratio, 0.25), quantile(ratio, 0.75), median(engineNs) / perSymbol,
                median(ta4jNs) / perSymbol);
    }

    private static void engine(Panel p, int from, int to, int repeats) {
        for (int r = 0; r < repeats; r++) {
            for (int s = from; s < to; s++) {
                sink = EngineKernels.compute(p, s);
            }
        }
    }

    private static void ta4j(Ta4jKernels ta4j, Panel p, int from, int to) {
        for (int s = from; s < to; s++) {
            sink = ta4j.compute(s);
        }
    }

    private static double median(double[] x) {
        return quantile(x, 0.5);
    }

    private static double quantile(double[] x, double q) {
        double[] s = x.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
