package io.stockradar.bench.kernels;

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
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The benchmark panel: {@link #symbols()} series of {@link #bars()} daily bars on one calendar, plus
 * the S&amp;P 500 index as the beta benchmark. Columnar, oldest first — the shape the engine receives.
 *
 * <p>The first {@link #REAL_TICKERS}.length series are REAL (Yahoo adjusted OHLCV of 20 S&amp;P 500
 * names, last {@code bars} sessions up to 2026-02-25, copied from the project's fixtures into
 * {@code src/main/resources/ohlcv}). The rest are GENERATED for this benchmark only: each is a
 * block bootstrap of real bars (blocks of {@link #BLOCK} consecutive sessions drawn from a random
 * real ticker at a random offset over the whole 789-session history), its log gap, return and
 * high/low excursions scaled by a per-symbol volatility factor in [0.7, 1.4), from a random start
 * price. High ≥ max(open, close) and low ≤ min(open, close) hold by construction. Deterministic
 * (fixed seed), so every run and every language sees the same numbers. Generated series never
 * leave the benchmark.
 */
public final class Panel {

    /** The real tickers bundled in {@code src/main/resources/ohlcv} (all complete: 789 sessions). */
    public static final List<String> REAL_TICKERS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "JPM", "XOM", "JNJ",
            "PG", "KO", "CAT", "TSLA", "NEE", "UNH", "HD", "BA", "PFE", "WMT", "META", "GOOGL", "DIS");

    public static final String BENCHMARK = "GSPC";
    public static final LocalDate LAST_DAY = LocalDate.of(2026, 2, 25);
    public static final int DEFAULT_SYMBOLS = 850;
    public static final int DEFAULT_BARS = 500;
    static final int BLOCK = 21;
    static final long SEED = 20260225L;

    private final String[] names;
    private final int[] epochDays;
    private final double[][] open;
    private final double[][] high;
    private final double[][] low;
    private final double[][] close;
    private final double[][] volume;
    private final double[] benchClose;

    private Panel(String[] names, int[] epochDays, double[][] open, double[][] high, double[][] low,
            double[][] close, double[][] volume, double[] benchClose) {
        this.names = names;
        this.epochDays = epochDays;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.benchClose = benchClose;
    }

    public static Panel standard() {
        return build(DEFAULT_SYMBOLS, DEFAULT_BARS);
    }

    public static Panel build(int symbols, int bars) {
        List<Ohlcv> real = new ArrayList<>();
        for (String t : REAL_TICKERS) {
            real.add(Ohlcv.load(t));
        }
        Ohlcv bench = Ohlcv.load(BENCHMARK);
        int history = real.get(0).days.length;
        if (bars > history) {
            throw new IllegalArgumentException("at most " + history + " bars, asked for " + bars);
        }
        if (symbols < real.size()) {
            throw new IllegalArgumentException("at least " + real.size() + " symbols, asked for " + symbols);
        }
        for (Ohlcv o : real) {
            if (!Arrays.equals(o.days, real.get(0).days) || !Arrays.equals(o.days, bench.days)) {
                throw new IllegalStateException(o.name + " is not on the benchmark's calendar");
            }
        }
        int from = history - bars;
        int[] days = Arrays.copyOfRange(bench.days, from, history);
        String[] names = new String[symbols];
        double[][] o = new double[symbols][];
        double[][] h = new double[symbols][];
        double[][] l = new double[symbols][];
        double[][] c = new double[symbols][];
        double[][] v = new double[symbols][];
        for (int s = 0; s < real.size(); s++) {
            Ohlcv r = real.get(s);
            names[s] = r.name;
            o[s] = Arrays.copyOfRange(r.open, from, history);
            h[s] = Arrays.copyOfRange(r.high, from, history);
            l[s] = Arrays.copyOfRange(r.low, from, history);
            c[s] = Arrays.copyOfRange(r.close, from, history);
            v[s] = Arrays.copyOfRange(r.volume, from, history);
        }
        for (int s = real.size(); s < symbols; s++) {
            SplittableRandom rnd = new SplittableRandom(SEED * 31 + s);
            double scale = 0.7 + 0.7 * rnd.nextDouble();
            double prev = Math.exp(Math.log(10) + rnd.nextDouble() * Math.log(50)); // 10 .. 500
            names[s] = "GEN" + s;
            o[s] = new double[bars];
            h[s] = new double[bars];
            l[s] = new double[bars];
            c[s] = new double[bars];
            v[s] = new double[bars];
            for (int i = 0; i < bars; ) {
                Ohlcv src = real.get(rnd.nextInt(real.size()));
                int at = 1 + rnd.nextInt(history - BLOCK); // at >= 1: the source bar has a previous close
                for (int k = 0; k < BLOCK && i < bars; k++, i++, at++) {
                    double pc = src.close[at - 1];
                    double gap = Math.log(src.open[at] / pc);
                    double ret = Math.log(src.close[at] / pc);
                    double up = Math.log(src.high[at] / src.close[at]);
                    double down = Math.log(src.low[at] / src.close[at]);
                    double cl = prev * Math.exp(scale * ret);
                    o[s][i] = prev * Math.exp(scale * gap);
                    c[s][i] = cl;
                    h[s][i] = cl * Math.exp(scale * up);
                    l[s][i] = cl * Math.exp(scale * down);
                    v[s][i] = src.volume[at];
                    prev = cl;
                }
            }
        }
        return new Panel(names, days, o, h, l, c, v, Arrays.copyOfRange(bench.close, from, history));
    }

    public int symbols() {
        return names.length;
    }

    public int bars() {
        return epochDays.length;
    }

    public int realSymbols() {
        return REAL_TICKERS.size();
    }

    public String name(int s) {
        return names[s];
    }

    /** Session dates as epoch days, shared by every series and the benchmark. */
    public int[] epochDays() {
        return epochDays;
    }

    public double[] open(int s) {
        return open[s];
    }

    public double[] high(int s) {
        return high[s];
    }

    public double[] low(int s) {
        return low[s];
    }

    public double[] close(int s) {
        return close[s];
    }

    public double[] volume(int s) {
        return volume[s];
    }

    public double[] benchmarkClose() {
        return benchClose;
    }

    /** One OHLCV CSV ({@code Date,Open,High,Low,Close,Volume}) from the classpath, cut at {@link #LAST_DAY}. */
    private record Ohlcv(String name, int[] days, double[] open, double[] high, double[] low, double[] close,
            double[] volume) {

        static Ohlcv load(String ticker) {
            String resource = "/ohlcv/" + ticker + ".csv.gz";
            try (InputStream in = Panel.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                BufferedReader r = new BufferedReader(
                        new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
                String header = r.readLine();
                if (!"Date,Open,High,Low,Close,Volume".equals(header)) {
                    throw new IllegalStateException(resource + ": unexpected header " + header);
                }
                List<double[]> rows = new ArrayList<>();
                List<Integer> days = new ArrayList<>();
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.split(",");
                    LocalDate d = LocalDate.parse(f[0]);
                    if (d.isAfter(LAST_DAY)) {
                        break;
                    }
                    days.add((int) d.toEpochDay());
                    rows.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                            Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])});
                }
                int n = rows.size();
                double[][] cols = new double[5][n];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < 5; k++) {
                        cols[k][i] = rows.get(i)[k];
                    }
                }
                return new Ohlcv(ticker, days.stream().mapToInt(Integer::intValue).toArray(), cols[0], cols[1],
                        cols[2], cols[3], cols[4]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
