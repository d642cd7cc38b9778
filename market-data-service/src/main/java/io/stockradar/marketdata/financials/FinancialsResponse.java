package io.stockradar.marketdata.financials;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/market/companies/{symbol}/financials}. {@code period} is the reporting period
 * ({@code YYYY-MM}) of the headline figures (revenue, operating income, net income, ROE, ...); each item
 * carries its own date ({@code marketCap} is dated by its trading day). Absent items are unknown. When the
 * data has no figures for the symbol, {@code items} is empty and {@code note} says why.
 *
 * @param periodType {@code ANNUAL} or {@code INTERIM}; null without figures
 * @param statements the filed reports behind the figures (DART: the latest annual and, when newer, the latest
 *                   quarterly report); empty for the demo master, which has none
 * @param stale      true when the source could not answer and the last good figures are served
 */
record FinancialsResponse(String symbol, String name, String currency, String period, LocalDate periodEnd,
                          Map<String, FinancialItem> items, String source, LocalDate asOf, String note,
                          String periodType, List<FinancialStatementResponse> statements, boolean stale) {
}
