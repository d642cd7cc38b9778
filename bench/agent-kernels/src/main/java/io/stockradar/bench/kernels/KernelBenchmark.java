package io.stockradar.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One operation = the whole indicator set for ONE symbol (500 bars), single-threaded; successive
 * operations walk through the 850-symbol panel round-robin, so every iteration covers real and
 * generated series alike. ns per bar-indicator = ns/op / (bars × {@link KernelValues#INDICATORS}).
 * Every benchmark returns the same {@link KernelValues}: 14 materialized {@code double[]} series plus
 * beta and max drawdown (JMH consumes the result, so nothing can be optimized away).
 *
 * <ul>
 * <li>{@code engine}: the engine's kernels on the columnar arrays (what the agents receive);</li>
 * <li>{@code ta4j}: build a DoubleNum BarSeries from the same arrays, wire ta4j's indicators, read
 * every value into the arrays (what a ta4j-based engine would have to do per symbol). Building the
 * series is a small part of it: see the {@code series} row of {@link KernelBreakdown}.</li>
 * </ul>
 * Defaults below are the run.sh settings (short but meaningful on a shared 2-core machine).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class KernelBenchmark {

    @State(Scope.Benchmark)
    public static class Data {
        Panel panel;
        Ta4jKernels ta4j;

        @Setup(Level.Trial)
        public void load() {
            panel = Panel.standard();
            ta4j = new Ta4jKernels(panel);
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int next(Panel p) {
            int s = next;
            next = s + 1 == p.symbols() ? 0 : s + 1;
            return s;
        }
    }

    @Benchmark
    public KernelValues engine(Data d, Cursor c) {
        return EngineKernels.compute(d.panel, c.next(d.panel));
    }

    @Benchmark
    public KernelValues ta4j(Data d, Cursor c) {
        return d.ta4j.compute(c.next(d.panel));
    }
}
