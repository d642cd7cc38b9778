package io.stockradar.bench.kernels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Engine side of pandas_kernels.py's paired measurement (not JMH): loads the same panel, warms up,
 * then for every line {@code N} read on stdin runs N full panel passes (every symbol, the whole
 * indicator set) and prints the mean nanoseconds per pass. pandas times its own pass right before
 * each request, so both halves of a pair see the same background load.
 */
public final class EnginePasses {

    private static Object sink;

    private EnginePasses() {
    }

    public static void main(String[] args) throws IOException {
        Panel p = Panel.standard();
        for (int k = 0; k < 30; k++) {
            pass(p);
        }
        System.out.println("ready " + p.symbols() + " " + p.bars());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.isBlank(); ) {
            int passes = Integer.parseInt(line.trim());
            long t0 = System.nanoTime();
            for (int k = 0; k < passes; k++) {
                pass(p);
            }
            System.out.println((System.nanoTime() - t0) / passes);
            System.out.flush();
        }
    }

    private static void pass(Panel p) {
        for (int s = 0; s < p.symbols(); s++) {
            sink = EngineKernels.compute(p, s);
        }
    }
}
