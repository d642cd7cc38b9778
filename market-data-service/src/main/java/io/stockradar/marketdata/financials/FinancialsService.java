package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.provider.CompanyFigures;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.MarketDataProblems;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SecurityType;
import io.stockradar.marketdata.provider.Symbols;
import org.springframework.stereotype.Service;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Company figures from the provider (demo: the KIS stock master for KR stocks). Ratios are derived only
 * from real inputs: PER and PBR need a full fiscal-year net income (an interim period's net income
 * covers only part of a year and annualising it would be a guess), positive net income, ROE and market
 * cap; the operating margin needs a positive revenue of the same period.
 */
@Service
class FinancialsService {

    static final String NO_US_FUNDAMENTALS = "The demo dataset has no fundamentals for US symbols";
    static final String NO_INDEX_FUNDAMENTALS = "Indices have no company financials";
    static final String NO_FIGURES = "The data source has no financial figures for this company";

    private final MarketDataProvider provider;

    FinancialsService(MarketDataProvider provider) {
        this.provider = provider;
    }

    FinancialsResponse financials(String symbol) {
        Security security = provider.security(symbol).orElseThrow(() -> MarketDataProblems.unknownSymbol(symbol));
        Optional<CompanyFigures> figures = provider.companyFigures(symbol);
        if (figures.isEmpty()) {
            String note = security.type() == SecurityType.INDEX ? NO_INDEX_FUNDAMENTALS
                    : "demo".equals(provider.source()) && security.market() == Market.US ? NO_US_FUNDAMENTALS
                    : NO_FIGURES;
            return new FinancialsResponse(symbol, security.name(), security.currency(), null, null, Map.of(),
                    provider.source(), null, note);
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
        String period = f.periodEnd() == null ? null : f.periodEnd().format(DateTimeFormatter.ofPattern("yyyy-MM"));
        return new FinancialsResponse(symbol, security.name(), currency, period, f.periodEnd(), items,
                provider.source(), f.periodEnd(), items.isEmpty() ? NO_FIGURES : null);
    }

    FundamentalsResponse fundamentals(List<String> rawSymbols) {
        Map<String, FundamentalsResponse.Item> items = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String symbol : new LinkedHashSet<>(rawSymbols.stream().map(Symbols::normalize).toList())) {
            Optional<CompanyFigures> figures = provider.companyFigures(symbol);
            if (figures.isEmpty()) {
                missing.add(symbol);
            } else {
                items.put(symbol, item(figures.get()));
            }
        }
        return new FundamentalsResponse(provider.source(), items, missing);
    }

    static FundamentalsResponse.Item item(CompanyFigures f) {
        boolean annual = f.periodEnd() != null && f.settleMonth() != null
                && f.periodEnd().getMonthValue() == f.settleMonth();
        String periodType = f.periodEnd() == null ? null : annual ? "ANNUAL" : "INTERIM";
        Double per = null;
        Double pbr = null;
        if (annual && positive(f.marketCap()) && positive(f.netIncome())) {
            per = f.marketCap() / f.netIncome();
            if (positive(f.roePercent())) {
                pbr = f.marketCap() / (f.netIncome() / (f.roePercent() / 100.0));
            }
        }
        Double margin = positive(f.revenue()) && f.operatingIncome() != null
                ? f.operatingIncome() / f.revenue() * 100.0 : null;
        return new FundamentalsResponse.Item(f.symbol(), f.periodEnd(), periodType, f.currency(), f.marketCap(),
                f.marketCapDate(), f.revenue(), f.operatingIncome(), f.netIncome(), f.roePercent(), per, pbr, margin,
                null, null, null, f.riskFlags());
    }

    private static void put(Map<String, FinancialItem> items, String name, Double value, String unit,
                            CompanyFigures f) {
        if (value != null) {
            items.put(name, new FinancialItem(value, unit, f.periodEnd()));
        }
    }

    private static boolean positive(Double value) {
        return value != null && value > 0 && Double.isFinite(value);
    }
}
