package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.provider.CompanyFigures.RiskFlag;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /internal/fundamentals}: every number nullable, null = unknown. Symbols without figures are in
 * {@code missing}; those whose source could not answer in time are in {@code unavailable} too (ask again
 * later: their figures are loading).
 */
record FundamentalsResponse(String source, Map<String, Item> items, List<String> missing, List<String> unavailable) {

    /**
     * @param asOf            end of the reporting period of revenue/operatingIncome/netIncome/roe
     * @param periodType      {@code ANNUAL} (the period ends with the fiscal year) or {@code INTERIM}
     * @param marketCapAsOf   trading date of {@code marketCap}
     * @param roe             percent
     * @param operatingMargin percent of revenue, same period
     * @param per             marketCap / netIncome, only for an annual period with both positive
     * @param pbr             marketCap / book value (DART: total equity; demo: netIncome / roe), all positive
     * @param debtRatio       total liabilities / total equity in percent (부채비율)
     * @param revenueGrowthYoY percent against the same period a year earlier
     * @param source          where the figures come from: {@code dart} (filed statements) or the provider's
     *                        master ({@code demo}, {@code yahoo})
     * @param stale           the source could not answer; these are the last good figures
     * @param latestQuarter   DART: the newest quarterly report when it ends after {@code asOf}; else null
     */
    record Item(String symbol, LocalDate asOf, String periodType, String currency, Double marketCap,
                LocalDate marketCapAsOf, Double revenue, Double operatingIncome, Double netIncome, Double roe,
                Double per, Double pbr, Double operatingMargin, Double debtRatio, Double revenueGrowthYoY,
                Double operatingIncomeGrowthYoY, List<RiskFlag> riskFlags, String source, boolean stale,
                FinancialStatementResponse latestQuarter) {
    }
}
