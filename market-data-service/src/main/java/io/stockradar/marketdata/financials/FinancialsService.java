package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.cache.CachedDocuments;
import io.stockradar.marketdata.cache.CachedValue;
import io.stockradar.marketdata.provider.CompanyFigures;
import io.stockradar.marketdata.provider.CompanyStatements;
import io.stockradar.marketdata.provider.FinancialStatement;
import io.stockradar.marketdata.provider.FinancialStatementSource;
import io.stockradar.marketdata.provider.FundamentalsHistory;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.MarketDataProblems;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SecurityType;
import io.stockradar.marketdata.provider.Symbols;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Company figures. With a live provider and live DART, KR stocks get their filed statements from OpenDART
 * (the latest annual report and a newer quarterly one; cached in Redis for a day, loaded once across
 * instances, revalidated behind, the last good ones served marked stale while DART cannot answer).
 * Otherwise (demo) they come from the provider's master (the KIS stock master for KR stocks).
 * <p>
 * {@code /internal/fundamentals} (what the agents read) with the demo provider: both markets from the bundled
 * dated filings, as known on the analysis date ({@link PointInTimeFundamentals}); never a figure, share count,
 * price or exchange flag dated after it.
 * <p>
 * Ratios are derived only from real inputs: PER needs a full fiscal-year net income (an interim period's
 * covers only part of a year and annualising it would be a guess) and a positive market cap; ROE from DART
 * is the annual net income over the year-end total equity; the operating margin needs a positive revenue of
 * the same period; growth needs a positive figure a year earlier.
 */
@Service
class FinancialsService {

    static final String NO_US_FUNDAMENTALS = "The demo dataset has no fundamentals for US symbols";
    static final String NO_INDEX_FUNDAMENTALS = "Indices have no company financials";
    static final String NO_FIGURES = "The data source has no financial figures for this company";
    static final String ANNUAL = "ANNUAL";
    static final String INTERIM = "INTERIM";

    private final MarketDataProvider provider;
    private final FinancialStatementSource statementSource;
    private final CachedDocuments documents;
    private final FinancialsProperties properties;
    private final CachedDocuments.Kind<CompanyStatements> kind;
    private final PointInTimeFundamentals pointInTime;

    FinancialsService(MarketDataProvider provider, ObjectProvider<FinancialStatementSource> statementSource,
                      CachedDocuments documents, FinancialsProperties properties, FundamentalsHistory history) {
        this.provider = provider;
        this.pointInTime = new PointInTimeFundamentals(history, provider::dailySeries);
        this.statementSource = statementSource.getIfAvailable();
        this.documents = documents;
        this.properties = properties;
        this.kind = new CachedDocuments.Kind<>(
                (this.statementSource == null ? "none" : this.statementSource.source()) + "-statements-v1",
                CompanyStatements.class, properties.freshFor(), properties.revalidateWindow());
    }

    FinancialsResponse financials(String symbol) {
        Security security = provider.security(symbol).orElseThrow(() -> MarketDataProblems.unknownSymbol(symbol));
        if (filed(security)) {
            CachedValue<CompanyStatements> statements = documents.get(kind, symbol, s -> load(security));
            return fromStatements(security, statements.value(), statements.stale());
        }
        Optional<CompanyFigures> figures = provider.companyFigures(symbol);
        if (figures.isEmpty()) {
            String note = security.type() == SecurityType.INDEX ? NO_INDEX_FUNDAMENTALS
                    : "demo".equals(provider.source()) && security.market() == Market.US ? NO_US_FUNDAMENTALS
                    : NO_FIGURES;
            return new FinancialsResponse(symbol, security.name(), security.currency(), null, null, Map.of(),
                    provider.source(), null, note, null, List.of(), false);
        }
        CompanyFigures f = figures.get();
        String currency = f.currency();
        Map<String, FinancialItem> items = new LinkedHashMap<>();
        put(items, "revenue", f.revenue(), currency, f);
        put(items, "operatingIncome", f.operatingIncome(), currency, f);
        put(items, "netIncome", f.netIncome(), currency, f);
        put(items, "roe", f.roePercent(), "%", f);
        if (f.marketCap() != null) {
            items.put("marketCap", new FinancialItem(f.marketCap(), currency, f.marketCapDate()));
        }
        return new FinancialsResponse(symbol, security.name(), currency, period(f.periodEnd()), f.periodEnd(), items,
                provider.source(), f.periodEnd(), items.isEmpty() ? NO_FIGURES : null, periodType(f), List.of(),
                false);
    }

    FundamentalsResponse fundamentals(List<String> rawSymbols, LocalDate asOf) {
        List<String> symbols = new ArrayList<>(new LinkedHashSet<>(rawSymbols.stream().map(Symbols::normalize).toList()));
        if (!provider.live()) {
            return pointInTime(symbols, asOf);
        }
        Map<String, Security> filed = new LinkedHashMap<>();
        for (String symbol : symbols) {
            provider.security(symbol).filter(this::filed).ifPresent(s -> filed.put(symbol, s));
        }
        CachedDocuments.Batch<CompanyStatements> statements = filed.isEmpty()
                ? new CachedDocuments.Batch<>(Map.of(), Map.of())
                : documents.getAll(kind, List.copyOf(filed.keySet()), s -> load(filed.get(s)),
                properties.batchParallelism(), properties.batchDeadline());
        Map<String, FundamentalsResponse.Item> items = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String symbol : symbols) {
            Optional<FundamentalsResponse.Item> item;
            if (filed.containsKey(symbol)) {
                CachedValue<CompanyStatements> cached = statements.values().get(symbol);
                item = cached == null ? Optional.empty()
                        : fromStatements(filed.get(symbol), cached.value(), cached.stale(), provider.companyFigures(symbol));
            } else {
                item = provider.companyFigures(symbol).map(f -> item(f, provider.source()));
            }
            item.ifPresentOrElse(i -> items.put(symbol, i), () -> missing.add(symbol));
        }
        if (items.isEmpty() && !statements.unavailable().isEmpty()) {
            throw statements.unavailable().values().iterator().next(); // nothing to give: 503 with Retry-After
        }
        String source = filed.isEmpty() ? provider.source() : statementSource.source();
        return new FundamentalsResponse(source, items, missing, List.copyOf(statements.unavailable().keySet()), null);
    }

    /**
     * The demo dataset: figures as known on the analysis date (each market's own when the request has none;
     * a later date is capped at the market's last trading day, so a KR price is never older than asked while
     * the US one is current). Exchange flags dated after the analysis date are left out too.
     */
    private FundamentalsResponse pointInTime(List<String> symbols, LocalDate requested) {
        Map<Market, LocalDate> dates = new EnumMap<>(Market.class);
        for (Map.Entry<Market, LocalDate> latest : provider.asOf().entrySet()) {
            dates.put(latest.getKey(), requested == null || requested.isAfter(latest.getValue()) ? latest.getValue()
                    : requested);
        }
        Map<String, FundamentalsResponse.Item> items = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String symbol : symbols) {
            Optional<FundamentalsResponse.Item> item = provider.security(symbol)
                    .filter(s -> s.type() == SecurityType.STOCK)
                    .flatMap(s -> pointInTime.at(symbol, dates.get(s.market())))
                    .map(f -> item(f, provider.companyFigures(symbol)));
            item.ifPresentOrElse(i -> items.put(symbol, i), () -> missing.add(symbol));
        }
        return new FundamentalsResponse(provider.source(), items, missing, List.of(), dates);
    }

    private FundamentalsResponse.Item item(PointInTimeFundamentals.Figures f, Optional<CompanyFigures> master) {
        List<CompanyFigures.RiskFlag> flags = master.map(CompanyFigures::riskFlags).orElse(List.of()).stream()
                .filter(flag -> flag.date() != null && !flag.date().isAfter(f.analysisDate()))
                .toList();
        return new FundamentalsResponse.Item(f.symbol(), f.periodEnd(), f.basis(), f.market().currency(),
                f.marketCap(), f.priceDate(), f.revenue(), f.operatingIncome(), f.netIncome(), f.roe(), f.per(),
                f.pbr(), f.operatingMargin(), f.debtRatio(), f.revenueGrowthYoY(), f.operatingIncomeGrowthYoY(), flags,
                provider.source(), false, null, f.analysisDate(), f.priceDate(), f.availableFrom(), f.inputs());
    }

    /** KR stocks of a live provider while live DART is on. */
    private boolean filed(Security security) {
        return statementSource != null && provider.live() && statementSource.covers(security);
    }

    private CompanyStatements load(Security security) {
        return statementSource.statements(security);
    }

    private FinancialsResponse fromStatements(Security security, CompanyStatements statements, boolean stale) {
        List<FinancialStatementResponse> filedReports = new ArrayList<>();
        if (statements.annual() != null) {
            filedReports.add(statementResponse(statements.annual()));
        }
        if (statements.latestQuarter() != null) {
            filedReports.add(statementResponse(statements.latestQuarter()));
        }
        FinancialStatement headline = headline(statements);
        if (headline == null) {
            return new FinancialsResponse(security.symbol(), security.name(), security.currency(), null, null,
                    Map.of(), statements.source(), null, statements.note() != null ? statements.note() : NO_FIGURES,
                    null, List.of(), stale);
        }
        Ratios r = Ratios.of(headline, security.marketCap());
        String currency = headline.currency() == null ? security.currency() : headline.currency();
        Map<String, FinancialItem> items = new LinkedHashMap<>();
        put(items, "revenue", headline.revenue(), currency, headline);
        put(items, "operatingIncome", headline.operatingIncome(), currency, headline);
        put(items, "netIncome", headline.netIncome(), currency, headline);
        put(items, "roe", r.roe(), "%", headline);
        put(items, "operatingMargin", r.operatingMargin(), "%", headline);
        put(items, "debtRatio", r.debtRatio(), "%", headline);
        put(items, "revenueGrowthYoY", r.revenueGrowth(), "%", headline);
        put(items, "operatingIncomeGrowthYoY", r.operatingIncomeGrowth(), "%", headline);
        put(items, "totalAssets", headline.totalAssets(), currency, headline);
        put(items, "totalLiabilities", headline.totalLiabilities(), currency, headline);
        put(items, "totalEquity", headline.totalEquity(), currency, headline);
        if (security.marketCap() != null) {
            items.put("marketCap", new FinancialItem(security.marketCap(), security.currency(), security.marketCapDate()));
        }
        return new FinancialsResponse(security.symbol(), security.name(), currency, period(headline.periodEnd()),
                headline.periodEnd(), items, statements.source(), headline.periodEnd(), statements.note(),
                headline.annual() ? ANNUAL : INTERIM, filedReports, stale);
    }

    private Optional<FundamentalsResponse.Item> fromStatements(Security security, CompanyStatements statements,
                                                               boolean stale, Optional<CompanyFigures> master) {
        FinancialStatement headline = headline(statements);
        if (headline == null) {
            return Optional.empty(); // nothing filed: the agent abstains
        }
        Ratios r = Ratios.of(headline, security.marketCap());
        FinancialStatement quarter = statements.annual() == null ? null : statements.latestQuarter();
        return Optional.of(new FundamentalsResponse.Item(security.symbol(), headline.periodEnd(),
                headline.annual() ? ANNUAL : INTERIM,
                headline.currency() == null ? security.currency() : headline.currency(), security.marketCap(),
                security.marketCapDate(), headline.revenue(), headline.operatingIncome(), headline.netIncome(),
                r.roe(), r.per(), r.pbr(), r.operatingMargin(), r.debtRatio(), r.revenueGrowth(),
                r.operatingIncomeGrowth(), master.map(CompanyFigures::riskFlags).orElse(List.of()),
                statements.source(), stale, quarter == null ? null : statementResponse(quarter), null, null, null,
                List.of()));
    }

    /** The annual report when there is one (full-year figures make PER and ROE meaningful), else the quarter. */
    private static FinancialStatement headline(CompanyStatements statements) {
        return statements.annual() != null ? statements.annual() : statements.latestQuarter();
    }

    private static FinancialStatementResponse statementResponse(FinancialStatement s) {
        return new FinancialStatementResponse(s.report(), s.fiscalYear(), s.consolidated(), s.receiptNo(),
                s.periodStart(), s.periodEnd(), s.currency(), s.revenue(), s.operatingIncome(), s.netIncome(),
                s.totalAssets(), s.totalLiabilities(), s.totalEquity(), Ratios.growth(s.revenue(), s.priorRevenue()),
                Ratios.growth(s.operatingIncome(), s.priorOperatingIncome()),
                Ratios.growth(s.netIncome(), s.priorNetIncome()));
    }

    static FundamentalsResponse.Item item(CompanyFigures f, String source) {
        boolean annual = ANNUAL.equals(periodType(f));
        Double per = null;
        Double pbr = null;
        if (annual && Ratios.positive(f.marketCap()) && Ratios.positive(f.netIncome())) {
            per = f.marketCap() / f.netIncome();
            if (Ratios.positive(f.roePercent())) {
                pbr = f.marketCap() / (f.netIncome() / (f.roePercent() / 100.0));
            }
        }
        Double margin = Ratios.positive(f.revenue()) && f.operatingIncome() != null
                ? f.operatingIncome() / f.revenue() * 100.0 : null;
        return new FundamentalsResponse.Item(f.symbol(), f.periodEnd(), periodType(f), f.currency(), f.marketCap(),
                f.marketCapDate(), f.revenue(), f.operatingIncome(), f.netIncome(), f.roePercent(), per, pbr, margin,
                null, null, null, f.riskFlags(), source, false, null, null, null, null, List.of());
    }

    private static String periodType(CompanyFigures f) {
        if (f.periodEnd() == null) {
            return null;
        }
        return f.settleMonth() != null && f.periodEnd().getMonthValue() == f.settleMonth() ? ANNUAL : INTERIM;
    }

    private static String period(java.time.LocalDate end) {
        return end == null ? null : end.format(DateTimeFormatter.ofPattern("yyyy-MM"));
    }

    private static void put(Map<String, FinancialItem> items, String name, Double value, String unit,
                            CompanyFigures f) {
        if (value != null) {
            items.put(name, new FinancialItem(value, unit, f.periodEnd()));
        }
    }

    private static void put(Map<String, FinancialItem> items, String name, Double value, String unit,
                            FinancialStatement s) {
        if (value != null && Double.isFinite(value)) {
            items.put(name, new FinancialItem(value, unit, s.periodEnd()));
        }
    }

    /**
     * The ratios of one filed statement (percentages in percent). ROE and PER only for a full fiscal year;
     * PBR on the statement's total equity; every one null when an input is missing or not positive.
     */
    record Ratios(Double roe, Double per, Double pbr, Double operatingMargin, Double debtRatio, Double revenueGrowth,
                  Double operatingIncomeGrowth) {

        static Ratios of(FinancialStatement s, Double marketCap) {
            boolean equity = positive(s.totalEquity());
            Double roe = s.annual() && equity && s.netIncome() != null ? s.netIncome() / s.totalEquity() * 100.0 : null;
            Double per = s.annual() && positive(marketCap) && positive(s.netIncome()) ? marketCap / s.netIncome() : null;
            Double pbr = positive(marketCap) && equity ? marketCap / s.totalEquity() : null;
            Double margin = positive(s.revenue()) && s.operatingIncome() != null
                    ? s.operatingIncome() / s.revenue() * 100.0 : null;
            Double debt = equity && s.totalLiabilities() != null ? s.totalLiabilities() / s.totalEquity() * 100.0 : null;
            return new Ratios(roe, per, pbr, margin, debt, growth(s.revenue(), s.priorRevenue()),
                    growth(s.operatingIncome(), s.priorOperatingIncome()));
        }

        /** Percent change against a positive base; null otherwise (growth from a loss has no meaning). */
        static Double growth(Double current, Double prior) {
            return current != null && positive(prior) ? (current - prior) / prior * 100.0 : null;
        }

        static boolean positive(Double value) {
            return value != null && value > 0 && Double.isFinite(value);
        }
    }
}
