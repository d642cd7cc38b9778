package io.stockradar.marketdata.provider;

import java.time.LocalDate;

/**
 * A company's statements as a {@link FinancialStatementSource} found them on {@code retrievedOn}.
 *
 * @param companyId     the source's id of the company (DART corp code); null when it has none
 * @param annual        the newest annual report with data, or null
 * @param latestQuarter the newest quarterly or half-year report, only when it ends after {@code annual}; or null
 * @param note          why something is missing, or null
 */
public record CompanyStatements(String symbol, String companyId, String source, LocalDate retrievedOn,
                                FinancialStatement annual, FinancialStatement latestQuarter, String note) {

    public static CompanyStatements none(String symbol, String companyId, String source, LocalDate retrievedOn,
                                         String note) {
        return new CompanyStatements(symbol, companyId, source, retrievedOn, null, null, note);
    }
}
