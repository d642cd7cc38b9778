package io.stockradar.marketdata.dart;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Key figures of one company's periodic report from 단일회사 주요계정 (fnlttSinglAcnt.json): consolidated
 * (CFS) when the report has it, separate (OFS) otherwise. The annual report and the latest quarterly one.
 */
class DartFinancialStatements {

    static final String ANNUAL = "11011";
    static final String HALF_YEAR = "11012";
    static final String Q1 = "11013";
    static final String Q3 = "11014";

    /** The key figures of one report; null = not in the report. */
    record Statement(String corpCode, int year, String reportCode, String fsDiv, String receiptNo, String period,
                     String currency, Double revenue, Double operatingIncome, Double netIncome, Double totalAssets,
                     Double totalLiabilities, Double totalEquity) {
    }

    private final DartClient client;

    DartFinancialStatements(DartClient client) {
        this.client = client;
    }

    Optional<Statement> annual(String corpCode, int year) {
        return statement(corpCode, year, ANNUAL);
    }

    /**
     * The newest quarterly or half-year report as of {@code today}: Q3, half-year, Q1 of this year, then of
     * last year; at most six calls (each an empty 013 until one has data).
     */
    Optional<Statement> latestQuarter(String corpCode, LocalDate today) {
        for (int year = today.getYear(); year >= today.getYear() - 1; year--) {
            for (String report : List.of(Q3, HALF_YEAR, Q1)) {
                Optional<Statement> statement = statement(corpCode, year, report);
                if (statement.isPresent()) {
                    return statement;
                }
            }
        }
        return Optional.empty();
    }

    Optional<Statement> statement(String corpCode, int year, String reportCode) {
        return pick(corpCode, year, reportCode, client.singleAccounts(corpCode, year, reportCode));
    }

    static Optional<Statement> pick(String corpCode, int year, String reportCode, List<DartAccount> rows) {
        List<DartAccount> consolidated = rows.stream().filter(r -> "CFS".equals(r.fsDiv())).toList();
        List<DartAccount> chosen = consolidated.isEmpty()
                ? rows.stream().filter(r -> "OFS".equals(r.fsDiv())).toList() : consolidated;
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        DartAccount first = chosen.getFirst();
        String period = chosen.stream().filter(r -> "IS".equals(r.sjDiv())).map(DartAccount::period).findFirst()
                .orElse(first.period());
        return Optional.of(new Statement(corpCode, year, reportCode, consolidated.isEmpty() ? "OFS" : "CFS",
                first.receiptNo(), period, first.currency(),
                amount(chosen, "IS", "매출액", "수익(매출액)", "영업수익"), amount(chosen, "IS", "영업이익", "영업이익(손실)"),
                amount(chosen, "IS", "당기순이익", "당기순이익(손실)"), amount(chosen, "BS", "자산총계"),
                amount(chosen, "BS", "부채총계"), amount(chosen, "BS", "자본총계")));
    }

    private static Double amount(List<DartAccount> rows, String statement, String... names) {
        for (String name : names) {
            for (DartAccount row : rows) {
                if (statement.equals(row.sjDiv()) && name.equals(row.accountName())) {
                    return row.amount();
                }
            }
        }
        return null;
    }
}
