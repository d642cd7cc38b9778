package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.provider.CompanyFigures.RiskFlag;
import io.stockradar.marketdata.provider.Market;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /internal/fundamentals}: every number nullable, null = unknown. Symbols without figures are in
 * {@code missing}; those whose source could not answer in time are in {@code unavailable} too (ask again
 * later: their figures are loading). {@code asOf}: the analysis date per market of the point-in-time (demo)
 * figures; no item uses a fact that became public after it. Null for live sources (their latest filings).
 */
record FundamentalsResponse(String source, Map<String, Item> items, List<String> missing, List<String> unavailable,
                            Map<Market, LocalDate> asOf) {

    /**
     * @param asOf            end of the reporting period of revenue/operatingIncome/netIncome/roe
     * @param periodType      {@code ANNUAL} (the period ends with the fiscal year), {@code INTERIM}, or {@code TTM}
     *                        (trailing twelve months ending {@code asOf}; point-in-time figures)
     * @param marketCapAsOf   trading date of {@code marketCap}
     * @param roe             percent
     * @param operatingMargin percent of revenue, same period
     * @param per             marketCap / netIncome; live: only for an annual period with both positive; point in
     *                        time: negative for a loss (never dropped), null without a price or shares
     * @param pbr             marketCap / total equity (negative when equity is)
     * @param debtRatio       total liabilities / total equity in percent (부채비율)
     * @param revenueGrowthYoY percent against the same period a year earlier
     * @param source          where the figures come from: {@code dart} (filed statements) or the provider's
     *                        master ({@code demo}, {@code yahoo})
     * @param stale           the source could not answer; these are the last good figures
     * @param latestQuarter   DART: the newest quarterly report when it ends after {@code asOf}; else null
     * @param analysisDate    point in time (demo): the date the figures are as of; null for live sources
     * @param priceDate       point in time: the trading day whose close gives {@code marketCap}, PER and PBR
     * @param availableFrom   point in time: when the newest input became public (never after analysisDate)
     * @param inputs          point in time: every dated input (filed periods, share count, close) behind the item
     */
    record Item(String symbol, LocalDate asOf, String periodType, String currency, Double marketCap,
                LocalDate marketCapAsOf, Double revenue, Double operatingIncome, Double netIncome, Double roe,
                Double per, Double pbr, Double operatingMargin, Double debtRatio, Double revenueGrowthYoY,
                Double operatingIncomeGrowthYoY, List<RiskFlag> riskFlags, String source, boolean stale,
                FinancialStatementResponse latestQuarter, LocalDate analysisDate, LocalDate priceDate,
                LocalDate availableFrom, List<PointInTimeFundamentals.Input> inputs) {
    }
}
