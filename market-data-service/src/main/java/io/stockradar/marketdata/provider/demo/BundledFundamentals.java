package io.stockradar.marketdata.provider.demo;

import io.stockradar.marketdata.provider.FundamentalsHistory;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.ReportedFigures;
import io.stockradar.marketdata.provider.ReportedFigures.Period;
import io.stockradar.marketdata.provider.SharesOutstanding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dated fundamentals of the demo dataset ({@code fundamentals-us.csv.gz}, {@code fundamentals-kr.csv.gz},
 * {@code shares-kr.csv.gz}, written by {@code tools/build_fundamentals_bundle.py}), held per symbol. Values
 * are read as the files state them: an empty cell is null. A malformed file stops start-up.
 */
final class BundledFundamentals implements FundamentalsHistory {

    static final List<String> US_COLUMNS = List.of("symbol", "period_type", "fiscal_year", "fiscal_quarter",
            "period_end", "revenue", "operating_income", "net_income", "total_liabilities", "total_equity",
            "diluted_shares_wavg", "q4_derived", "available_from", "available_basis");
    static final List<String> KR_COLUMNS = List.of("symbol", "period_type", "fiscal_year", "period_end",
            "statement_scope", "revenue", "operating_income", "net_income", "total_equity", "total_liabilities",
            "first_public_deadline", "source_report_deadline", "source_report");
    static final List<String> KR_SHARES_COLUMNS = List.of("master_date", "symbol", "listed_shares");

    private static final Logger log = LoggerFactory.getLogger(BundledFundamentals.class);

    private final Map<String, List<ReportedFigures>> reported;
    private final Map<String, List<SharesOutstanding>> shares;

    private BundledFundamentals(Map<String, List<ReportedFigures>> reported,
                                Map<String, List<SharesOutstanding>> shares) {
        this.reported = reported;
        this.shares = shares;
    }

    static BundledFundamentals load(ResourceLoader resources, String location) {
        long started = System.nanoTime();
        String base = location.endsWith("/") ? location : location + "/";
        Map<String, List<ReportedFigures>> reported = new HashMap<>();
        Map<String, List<SharesOutstanding>> shares = new HashMap<>();
        int us = read(resources, base + "fundamentals-us.csv.gz", US_COLUMNS,
                row -> reported.computeIfAbsent(row[0], s -> new ArrayList<>()).add(us(row)));
        int kr = read(resources, base + "fundamentals-kr.csv.gz", KR_COLUMNS,
                row -> reported.computeIfAbsent(row[0], s -> new ArrayList<>()).add(kr(row)));
        int sh = read(resources, base + "shares-kr.csv.gz", KR_SHARES_COLUMNS,
                row -> shares.computeIfAbsent(row[1], s -> new ArrayList<>())
                        .add(new SharesOutstanding(LocalDate.parse(row[0]), Long.parseLong(row[2]))));
        reported.replaceAll((s, rows) -> List.copyOf(rows));
        shares.replaceAll((s, rows) -> List.copyOf(rows));
        log.info("Loaded dated fundamentals: {} US rows, {} KR rows, {} KR share counts for {} symbols in {} ms", us,
                kr, sh, reported.size(), (System.nanoTime() - started) / 1_000_000);
        return new BundledFundamentals(Map.copyOf(reported), Map.copyOf(shares));
    }

    @Override
    public List<ReportedFigures> reported(String symbol) {
        return reported.getOrDefault(symbol, List.of());
    }

    @Override
    public List<SharesOutstanding> shares(String symbol) {
        return shares.getOrDefault(symbol, List.of());
    }

    private static ReportedFigures us(String[] r) {
        boolean fy = switch (r[1]) {
            case "FY" -> true;
            case "Q" -> false;
            default -> throw new IllegalStateException("unknown period_type " + r[1]);
        };
        LocalDate available = LocalDate.parse(r[12]);
        // Q rows carry no balance sheet (the source has none for quarters); FY rows carry both
        // a few quarters (HONA, XOM) have no fiscal year: US periods are told apart by period end anyway
        int fiscalYear = r[2].isBlank() ? LocalDate.parse(r[4]).getYear() : Integer.parseInt(r[2]);
        return new ReportedFigures(r[0], Market.US, fy ? Period.FY : Period.QUARTER, fiscalYear,
                LocalDate.parse(r[4]), true, fy, number(r[5]), number(r[6]), number(r[7]), number(r[9]),
                number(r[8]), number(r[10]), available, available, r[13]);
    }

    private static ReportedFigures kr(String[] r) {
        Period period = switch (r[1]) {
            case "FY" -> Period.FY;
            case "Q1" -> Period.Q1;
            case "H1" -> Period.H1;
            case "9M" -> Period.M9;
            default -> throw new IllegalStateException("unknown period_type " + r[1]);
        };
        String scope = r[4];
        return new ReportedFigures(r[0], Market.KR, period, Integer.parseInt(r[2]),
                r[3].isBlank() ? null : LocalDate.parse(r[3]), scope.contains("IS"), scope.contains("BS"),
                number(r[5]), number(r[6]), number(r[7]), number(r[8]), number(r[9]), null,
                LocalDate.parse(r[10]), LocalDate.parse(r[11]), r[12]);
    }

    private static Double number(String s) {
        return s == null || s.isBlank() ? null : Double.valueOf(s);
    }

    private static int read(ResourceLoader resources, String location, List<String> header, Consumer<String[]> row) {
        Resource resource = resources.getResource(location);
        try (InputStream in = resource.getInputStream()) {
            return CsvLines.read(in, true, header, row);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read demo dataset file " + location, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Malformed demo dataset file " + location + ": " + e.getMessage(), e);
        }
    }
}
