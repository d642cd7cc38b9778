package io.stockradar.agent.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Test helper: reads the recorded OHLCV fixtures in {@code src/test/resources/engine} and builds
 * synthetic series.
 */
public final class Bars {

    private Bars() {
    }

    /** Loads a CSV with a date column ({@code date}, {@code Date} or {@code Datetime}) and OHLCV columns. */
    public static PriceSeries load(String resource, String symbol) {
        String path = "/engine/" + resource;
        try (InputStream in = Bars.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = Arrays.asList(r.readLine().toLowerCase(Locale.ROOT).split(","));
            int d = header.indexOf("date") >= 0 ? header.indexOf("date") : header.indexOf("datetime");
            int o = header.indexOf("open");
            int h = header.indexOf("high");
            int l = header.indexOf("low");
            int c = header.indexOf("close");
            int v = header.indexOf("volume");
            List<String[]> rows = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
            int n = rows.size();
            int[] days = new int[n];
            double[] open = new double[n];
            double[] high = new double[n];
            double[] low = new double[n];
            double[] close = new double[n];
            double[] volume = new double[n];
            for (int i = 0; i < n; i++) {
                String[] row = rows.get(i);
                days[i] = (int) LocalDate.parse(row[d].substring(0, 10)).toEpochDay();
                open[i] = Double.parseDouble(row[o]);
                high[i] = Double.parseDouble(row[h]);
                low[i] = Double.parseDouble(row[l]);
                close[i] = Double.parseDouble(row[c]);
                volume[i] = v >= 0 ? Double.parseDouble(row[v]) : 0;
            }
            return new PriceSeries(symbol, days, open, high, low, close, volume);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one numeric column of a fixture. */
    public static double[] column(String resource, String column) {
        String path = "/engine/" + resource;
        try (InputStream in = Bars.class.getResourceAsStream(path)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int k = Arrays.asList(r.readLine().split(",")).indexOf(column);
            if (k < 0) {
                throw new IllegalArgumentException("no column " + column + " in " + resource);
            }
            List<Double> out = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(Double.parseDouble(line.split(",")[k]));
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A synthetic daily series from closes: consecutive calendar days from 2024-01-01, open = previous
     * close, high/low = close ± {@code range}, constant volume.
     */
    public static PriceSeries fromCloses(String symbol, double[] close, double range, double volume) {
        int n = close.length;
        int[] days = new int[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] vol = new double[n];
        int start = (int) LocalDate.of(2024, 1, 1).toEpochDay();
        for (int i = 0; i < n; i++) {
            days[i] = start + i;
            open[i] = i == 0 ? close[0] : close[i - 1];
            high[i] = Math.max(open[i], close[i]) + range;
            low[i] = Math.min(open[i], close[i]) - range;
            vol[i] = volume;
        }
        return new PriceSeries(symbol, days, open, high, low, close.clone(), vol);
    }

    /** Geometric path: {@code start · (1 + dailyReturn)^i}. */
    public static double[] geometric(double start, double dailyReturn, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = start * Math.pow(1 + dailyReturn, i);
        }
        return out;
    }

    /** Concatenates price paths. */
    public static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int k = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }
}
