package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.provider.CompanyFigures.RiskFlag;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code POST /internal/fundamentals}: every number nullable, null = unknown. */
record FundamentalsResponse(String source, Map<String, Item> items, List<String> missing) {

    /**
     * @param asOf            end of the reporting period of revenue/operatingIncome/netIncome/roe
     * @param periodType      {@code ANNUAL} (the period ends with the fiscal year) or {@code INTERIM}
     * @param marketCapAsOf   trading date of {@code marketCap}
     * @param roe             percent
     * @param operatingMargin percent of revenue, same period
     * @param per             marketCap / netIncome, only for an annual period with both positive
     * @param pbr             marketCap / (netIncome / roe), only for an annual period with all positive
     */
    record Item(String symbol, LocalDate asOf, String periodType, String currency, Double marketCap,
                LocalDate marketCapAsOf, Double revenue, Double operatingIncome, Double netIncome, Double roe,
                Double per, Double pbr, Double operatingMargin, Double debtRatio, Double revenueGrowthYoY,
                Double operatingIncomeGrowthYoY, List<RiskFlag> riskFlags) {
    }
}
