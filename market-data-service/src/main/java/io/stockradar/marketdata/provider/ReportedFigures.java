package io.stockradar.marketdata.provider;

import java.time.LocalDate;

/**
 * One column of a filed report (one period of one company), with the date it became public. Every amount is
 * null when the filing does not state it (never zero). Income-statement amounts cover {@link Period}'s span:
 * a US quarter is its own three months, a KR interim period is year to date (as DART reports it).
 *
 * @param income         the row carries income-statement amounts (revenue, operating income, net income)
 * @param balance        the row carries balance-sheet amounts (equity, liabilities) at {@code periodEnd}
 * @param periodEnd      null for the few KR companies whose fiscal year does not end in December (the source
 *                       leaves it blank); ordering then uses {@code fiscalYear} and {@code period}
 * @param dilutedShares  US: diluted weighted-average shares of the fiscal year; null otherwise
 * @param availableFrom  the first day the figure was public: the filing date where known, else period end
 *                       plus the legal filing deadline
 * @param vintageFrom    the first day these exact numbers were public (KR: the deadline of the report this
 *                       column was taken from, later than {@code availableFrom} for a comparative column of a
 *                       later report); equal to {@code availableFrom} for US rows
 * @param basis          how {@code availableFrom} was fixed ({@code edgar_filing_date}, {@code deadline_60d}, or
 *                       the DART report the column comes from)
 */
public record ReportedFigures(String symbol, Market market, Period period, int fiscalYear, LocalDate periodEnd,
                              boolean income, boolean balance, Double revenue, Double operatingIncome,
                              Double netIncome, Double totalEquity, Double totalLiabilities, Double dilutedShares,
                              LocalDate availableFrom, LocalDate vintageFrom, String basis) {

    /** The span a row's income statement covers. */
    public enum Period {
        /** a full fiscal year */
        FY,
        /** US: one fiscal quarter (three months; Q4 = FY minus Q1-Q3) */
        QUARTER,
        /** KR: first quarter */
        Q1,
        /** KR: half year, year to date */
        H1,
        /** KR: nine months, year to date */
        M9
    }
}
