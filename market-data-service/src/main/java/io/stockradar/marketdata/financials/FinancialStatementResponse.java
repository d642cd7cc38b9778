package io.stockradar.marketdata.financials;

import java.time.LocalDate;

/**
 * One filed report in {@code statements} of the financials response: amounts as filed (income statement for
 * the period, balance sheet at its end), growth in percent against the same period a year earlier.
 *
 * @param report       {@code ANNUAL}, {@code Q1}, {@code HALF_YEAR} or {@code Q3}
 * @param consolidated consolidated (연결) statements; false = separate (별도), used when none are consolidated
 */
record FinancialStatementResponse(String report, int fiscalYear, boolean consolidated, String receiptNo,
                                  LocalDate periodStart, LocalDate periodEnd, String currency, Double revenue,
                                  Double operatingIncome, Double netIncome, Double totalAssets,
                                  Double totalLiabilities, Double totalEquity, Double revenueGrowthYoY,
                                  Double operatingIncomeGrowthYoY, Double netIncomeGrowthYoY) {
}
