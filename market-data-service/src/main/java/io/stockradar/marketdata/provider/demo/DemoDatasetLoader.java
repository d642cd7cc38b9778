package io.stockradar.marketdata.provider.demo;

import io.stockradar.marketdata.provider.CompanyFigures;
import io.stockradar.marketdata.provider.CompanyFigures.RiskFlag;
import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SecurityType;
import io.stockradar.marketdata.provider.Universe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads the demo dataset ({@code manifest.properties}, {@code securities.csv.gz}, {@code bars-*.csv.gz}, as
 * written by {@code tools/build_demo_dataset.py}) into primitive arrays. Fails fast on a malformed file:
 * a half-loaded dataset would silently serve wrong answers.
 */
final class DemoDatasetLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoDatasetLoader.class);

    static final List<String> SECURITY_COLUMNS = List.of("symbol", "code", "market", "exchange", "type", "currency",
            "universes", "name_ko", "name_en", "sector", "industry", "isin", "dart_corp_code", "listed_shares",
            "market_cap_krw", "market_cap_date", "revenue_krw", "operating_income_krw", "net_income_krw", "roe_pct",
            "fin_period_end", "settle_month", "halted", "administrative_issue", "liquidation_trading",
            "market_warning", "flags_date");
    static final List<String> BAR_COLUMNS = List.of("symbol", "date", "open", "high", "low", "close", "volume");
    private static final List<String> UNIVERSE_IDS = List.of("KOSPI200", "KOSDAQ150", "SP500");

    private DemoDatasetLoader() {
    }

    static DemoDataset load(ResourceLoader resources, String location) {
        long started = System.nanoTime();
        long startedCpu = cpuNanos();
        String base = location.endsWith("/") ? location : location + "/";
        Properties manifest = manifest(resources.getResource(base + "manifest.properties"));
        String version = required(manifest, "version");
        Map<Market, LocalDate> asOf = new EnumMap<>(Market.class);
        for (Market market : Market.values()) {
            asOf.put(market, LocalDate.parse(required(manifest, "asOf." + market)));
        }

        Map<String, Security> securities = new LinkedHashMap<>();
        Map<String, CompanyFigures> figures = new HashMap<>();
        Map<String, List<String>> members = new LinkedHashMap<>();
        UNIVERSE_IDS.forEach(id -> members.put(id, new ArrayList<>()));
        read(resources, base + "securities.csv.gz", SECURITY_COLUMNS, row -> {
            Security security = security(row);
            if (securities.putIfAbsent(security.symbol(), security) != null) {
                throw new IllegalStateException("duplicate symbol " + security.symbol());
            }
            for (String id : security.universes()) {
                List<String> list = members.get(id);
                if (list == null) {
                    throw new IllegalStateException("unknown universe " + id + " for " + security.symbol());
                }
                list.add(security.symbol());
            }
            CompanyFigures companyFigures = figures(row, security);
            if (companyFigures != null) {
                figures.put(security.symbol(), companyFigures);
            }
        });

        Map<String, Universe> universes = new LinkedHashMap<>();
        for (String id : UNIVERSE_IDS) {
            universes.put(id, new Universe(id, required(manifest, "universe." + id + ".name"),
                    Market.valueOf(required(manifest, "universe." + id + ".market")),
                    LocalDate.parse(required(manifest, "universe." + id + ".asOf")), members.get(id)));
        }

        // The bar files are independent: parse them in parallel (the US file is three times the KR one).
        List<String> barFiles = Arrays.stream(required(manifest, "files").split(","))
                .map(String::trim).filter(f -> f.startsWith("bars-")).toList();
        List<CompletableFuture<ParsedBars>> parsed;
        try (ExecutorService parsers = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("demo-dataset-", 0).factory())) {
            parsed = barFiles.stream()
                    .map(file -> CompletableFuture.supplyAsync(() -> readBars(resources, base + file, securities),
                            parsers))
                    .toList();
        }
        long[] parseCpu = new long[parsed.size()];
        Map<String, SeriesBuilder> builders = new LinkedHashMap<>();
        long rows = 0;
        for (int i = 0; i < parsed.size(); i++) {
            ParsedBars result = join(parsed.get(i));
            parseCpu[i] = result.cpuNanos();
            Map<String, SeriesBuilder> part = result.builders();
            for (Map.Entry<String, SeriesBuilder> entry : part.entrySet()) {
                if (builders.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                    throw new IllegalStateException("bars of " + entry.getKey() + " in more than one file");
                }
                rows += entry.getValue().rows();
            }
        }

        Map<BarIssue, Integer> flagged = SeriesBuilder.emptyCounts();
        Map<String, DailySeries> series = new HashMap<>(builders.size() * 2);
        long bars = 0;
        for (Map.Entry<String, SeriesBuilder> entry : builders.entrySet()) {
            Security security = securities.get(entry.getKey());
            boolean priceLimit = security.market() == Market.KR && security.type() == SecurityType.STOCK;
            DailySeries built = entry.getValue().build(security.market(), priceLimit, (issue, day) -> {
                flagged.merge(issue, 1, Integer::sum);
                if (!issue.kept()) {
                    log.debug("Skipped bar {} {}: {}", security.symbol(), LocalDate.ofEpochDay(day), issue);
                }
            });
            if (!built.isEmpty()) {
                series.put(security.symbol(), built);
                bars += built.size();
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        long cpuMillis = (cpuNanos() - startedCpu + Arrays.stream(parseCpu).sum()) / 1_000_000;
        DemoDataset dataset = new DemoDataset(base, version, Collections.unmodifiableMap(asOf),
                Collections.unmodifiableMap(securities), Map.copyOf(figures), Collections.unmodifiableMap(universes),
                Map.copyOf(series), Collections.unmodifiableMap(flagged), bars, millis);
        log.info("Loaded demo dataset {} from {} in {} ms ({} ms CPU): {} securities, {} series (KR {}, US {}), {} of {} bars "
                        + "accepted, flagged {}; asOf KR {}, US {}",
                version, base, millis, cpuMillis, securities.size(), series.size(), dataset.seriesCount(Market.KR),
                dataset.seriesCount(Market.US), bars, rows, flagged, asOf.get(Market.KR), asOf.get(Market.US));
        return dataset;
    }

    private record ParsedBars(Map<String, SeriesBuilder> builders, long cpuNanos) {
    }

    private static ParsedBars readBars(ResourceLoader resources, String location, Map<String, Security> securities) {
        long startedCpu = cpuNanos();
        Map<String, SeriesBuilder> builders = new LinkedHashMap<>();
        read(resources, location, BAR_COLUMNS, row -> {
            String symbol = row[0];
            if (!securities.containsKey(symbol)) {
                throw new IllegalStateException("bars for " + symbol + ", which is not in securities.csv.gz");
            }
            builders.computeIfAbsent(symbol, SeriesBuilder::new).add(epochDay(row[1]), Double.parseDouble(row[2]),
                    Double.parseDouble(row[3]), Double.parseDouble(row[4]), Double.parseDouble(row[5]),
                    row[6].isEmpty() ? 0 : Long.parseLong(row[6]));
        });
        return new ParsedBars(builders, cpuNanos() - startedCpu);
    }

    /** CPU time of the current thread: load time without the noise of a busy machine. */
    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static Security security(String[] row) {
        Market market = Market.valueOf(row[2]);
        List<String> universes = row[6].isEmpty() ? List.of() : Arrays.asList(row[6].split("\\|"));
        return new Security(row[0], row[1], market, blankToNull(row[3]), SecurityType.valueOf(row[4]),
                blankToNull(row[7]), blankToNull(row[8]), blankToNull(row[9]), blankToNull(row[10]),
                blankToNull(row[11]), blankToNull(row[12]), longOrNull(row[13]), doubleOrNull(row[14]),
                dateOrNull(row[15]), universes);
    }

    /** KR stocks carry KIS master figures and exchange flags; US stocks and indices have none in the demo data. */
    private static CompanyFigures figures(String[] row, Security security) {
        if (security.type() != SecurityType.STOCK || security.market() != Market.KR) {
            return null;
        }
        LocalDate flagsDate = dateOrNull(row[26]);
        List<RiskFlag> flags = new ArrayList<>();
        if ("Y".equals(row[22])) {
            flags.add(new RiskFlag("TRADING_HALTED", flagsDate, "거래정지 (trading halted)"));
        }
        if ("Y".equals(row[23])) {
            flags.add(new RiskFlag("ADMINISTRATIVE_ISSUE", flagsDate, "관리종목 (administrative issue)"));
        }
        if ("Y".equals(row[24])) {
            flags.add(new RiskFlag("LIQUIDATION_TRADING", flagsDate, "정리매매 (liquidation trading)"));
        }
        switch (row[25]) {
            case "01" -> flags.add(new RiskFlag("MARKET_WARNING_CAUTION", flagsDate, "투자주의 (investment caution)"));
            case "02" -> flags.add(new RiskFlag("MARKET_WARNING_WARNING", flagsDate, "투자경고 (investment warning)"));
            case "03" -> flags.add(new RiskFlag("MARKET_WARNING_RISK", flagsDate, "투자위험 (investment risk)"));
            default -> {
                // "00" or empty: no warning
            }
        }
        return new CompanyFigures(security.symbol(), security.market(), dateOrNull(row[20]),
                row[21].isEmpty() ? null : Integer.valueOf(row[21]), doubleOrNull(row[16]), doubleOrNull(row[17]),
                doubleOrNull(row[18]), doubleOrNull(row[19]), security.marketCap(), security.marketCapDate(), flags);
    }

    private static void read(ResourceLoader resources, String location, List<String> header,
                             java.util.function.Consumer<String[]> row) {
        Resource resource = resources.getResource(location);
        try (InputStream in = resource.getInputStream()) {
            CsvLines.read(in, location.endsWith(".gz"), header, row);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read demo dataset file " + location, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Malformed demo dataset file " + location + ": " + e.getMessage(), e);
        }
    }

    private static Properties manifest(Resource resource) {
        Properties properties = new Properties();
        try (InputStream in = resource.getInputStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read demo dataset manifest " + resource.getDescription(), e);
        }
        return properties;
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Demo dataset manifest lacks '" + key + "'");
        }
        return value.trim();
    }

    /** {@code YYYY-MM-DD} to epoch day without the generality (and cost) of a formatter. */
    static int epochDay(String date) {
        if (date.length() != 10 || date.charAt(4) != '-' || date.charAt(7) != '-') {
            throw new IllegalArgumentException("bad date '" + date + "'");
        }
        int year = Integer.parseInt(date, 0, 4, 10);
        int month = Integer.parseInt(date, 5, 7, 10);
        int day = Integer.parseInt(date, 8, 10, 10);
        return (int) LocalDate.of(year, month, day).toEpochDay();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Double doubleOrNull(String s) {
        return s == null || s.isBlank() ? null : Double.valueOf(s);
    }

    private static Long longOrNull(String s) {
        return s == null || s.isBlank() ? null : Long.valueOf(s);
    }

    private static LocalDate dateOrNull(String s) {
        return s == null || s.isBlank() ? null : LocalDate.parse(s);
    }
}
