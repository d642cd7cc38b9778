package io.stockradar.marketdata.financials;

import java.time.LocalDate;

/** One figure with its unit ({@code KRW}, {@code USD} or {@code %}) and the date it belongs to. */
record FinancialItem(double value, String unit, LocalDate asOf) {
}
