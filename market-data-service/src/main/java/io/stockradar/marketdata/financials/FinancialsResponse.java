package io.stockradar.marketdata.financials;

import java.time.LocalDate;
import java.util.Map;

/**
 * {@code GET /api/market/companies/{symbol}/financials}. {@code period} is the reporting period
 * ({@code YYYY-MM}) of revenue, operating income, net income and ROE; each item carries its own date
 * ({@code marketCap} is dated by its trading day). Absent items are unknown. When the data has no
 * figures for the symbol, {@code items} is empty and {@code note} says why.
 */
record FinancialsResponse(String symbol, String name, String currency, String period, LocalDate periodEnd,
                          Map<String, FinancialItem> items, String source, LocalDate asOf, String note) {
}
