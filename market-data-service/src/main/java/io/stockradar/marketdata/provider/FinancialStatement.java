package io.stockradar.marketdata.provider;

import java.time.LocalDate;

/**
 * Key figures of one periodic report as filed; every amount in {@code currency}, null when the report does
 * not have it. Income-statement amounts cover {@code periodStart}..{@code periodEnd} (a full year for
 * {@code ANNUAL}, the three months of the quarter otherwise); balance-sheet amounts are as of
 * {@code periodEnd}. The {@code prior*} amounts are the same period one year earlier, from the same report.
 *
 * @param report        {@code ANNUAL}, {@code Q1}, {@code HALF_YEAR} or {@code Q3}
 * @param consolidated  true for consolidated (연결) statements, false for separate (별도) ones
 * @param receiptNo     the filing's receipt number (links to the DART viewer)
 */
public record FinancialStatement(int fiscalYear, String report, boolean consolidated, String receiptNo,
                                 LocalDate periodStart, LocalDate periodEnd, String currency, Double revenue,
                                 Double operatingIncome, Double netIncome, Double totalAssets,
                                 Double totalLiabilities, Double totalEquity, Double priorRevenue,
                                 Double priorOperatingIncome, Double priorNetIncome) {

    public boolean annual() {
        return "ANNUAL".equals(report);
    }
}
