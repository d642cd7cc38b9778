package io.stockradar.bench.kernels;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the panel for pandas_kernels.py as NumPy {@code .npy} files (float64, symbols × bars), plus
 * the engine's own values for a few symbols ({@code check_*.npy}) so that the pandas implementation is
 * checked against the engine before it is timed. Usage: {@code PanelExport <dir>}.
 */
public final class PanelExport {

    private PanelExport() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/panel");
        Files.createDirectories(dir);
        Panel p = Panel.standard();
        int n = p.symbols();
        int bars = p.bars();
        writeMatrix(dir.resolve("open.npy"), n, bars, p::open);
        writeMatrix(dir.resolve("high.npy"), n, bars, p::high);
        writeMatrix(dir.resolve("low.npy"), n, bars, p::low);
        writeMatrix(dir.resolve("close.npy"), n, bars, p::close);
        writeMatrix(dir.resolve("volume.npy"), n, bars, p::volume);
        writeMatrix(dir.resolve("bench_close.npy"), 1, bars, s -> p.benchmarkClose());
        List<String> names = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            names.add(p.name(s));
        }
        Files.write(dir.resolve("symbols.txt"), names, StandardCharsets.UTF_8);

        int[] check = CrossCheck.defaultSymbols(p);
        KernelValues[] values = new KernelValues[check.length];
        double[] index = new double[check.length];
        double[][] scalars = new double[check.length][];
        for (int k = 0; k < check.length; k++) {
            values[k] = EngineKernels.compute(p, check[k]);
            index[k] = check[k];
            scalars[k] = values[k].scalars().values().stream().mapToDouble(Double::doubleValue).toArray();
        }
        writeMatrix(dir.resolve("check_symbols.npy"), 1, check.length, k -> index);
        writeMatrix(dir.resolve("check_scalars.npy"), check.length, 2, k -> scalars[k]);
        for (String name : values[0].series().keySet()) {
            writeMatrix(dir.resolve("check_" + name + ".npy"), check.length, bars,
                    k -> values[k].series().get(name));
        }
        System.out.printf("panel %d symbols x %d bars (%d real) and engine reference values for %d symbols -> %s%n",
                n, bars, p.realSymbols(), check.length, dir);
    }

    private interface Row {
        double[] get(int i);
    }

    /** A C-order float64 .npy file (format version 1.0). */
    static void writeMatrix(Path file, int rows, int cols, Row row) throws IOException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + rows * cols * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buf.putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        for (int r = 0; r < rows; r++) {
            double[] x = row.get(r);
            if (x.length != cols) {
                throw new IllegalStateException(file + ": row " + r + " has " + x.length + " values, not " + cols);
            }
            for (double v : x) {
                buf.putDouble(v);
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(buf.array());
        }
    }
}
