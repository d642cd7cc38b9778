package io.stockradar.marketdata.dart;

import io.stockradar.marketdata.provider.FinancialStatement;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Key figures of one company's periodic report from 단일회사 주요계정 (fnlttSinglAcnt.json): consolidated
 * (CFS) when the report has it, separate (OFS) otherwise. The annual report and the latest quarterly one.
 */
class DartFinancialStatements {

    static final String ANNUAL = "11011";
    static final String HALF_YEAR = "11012";
    static final String Q1 = "11013";
    static final String Q3 = "11014";

    private static final Pattern DATE = Pattern.compile("(\\d{4})\\.(\\d{2})\\.(\\d{2})");
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    /** The quarterly reports newest first, with the day their quarter ends in a December fiscal year. */
    private static final List<Quarter> QUARTERS = List.of(new Quarter(Q3, MonthDay.of(9, 30)),
            new Quarter(HALF_YEAR, MonthDay.of(6, 30)), new Quarter(Q1, MonthDay.of(3, 31)));

    private record Quarter(String reportCode, MonthDay end) {
    }

    /**
     * The key figures of one report; null = not in the report. {@code prior*} are {@code frmtrm_amount}: the
     * same period a year earlier for the income statement.
     */
    record Statement(String corpCode, int year, String reportCode, String fsDiv, String receiptNo, String period,
                     String currency, Double revenue, Double operatingIncome, Double netIncome, Double totalAssets,
                     Double totalLiabilities, Double totalEquity, Double priorRevenue, Double priorOperatingIncome,
                     Double priorNetIncome) {

        /** As the provider API carries it; dates from {@code thstrm_dt} ("2018.01.01 ~ 2018.12.31"). */
        FinancialStatement toFinancialStatement() {
            List<LocalDate> dates = DATE.matcher(period == null ? "" : period).results()
                    .map(m -> LocalDate.parse(m.group(), DOTTED)).toList();
            LocalDate end = dates.isEmpty() ? null : dates.getLast();
            LocalDate start = dates.size() > 1 ? dates.getFirst() : null;
            return new FinancialStatement(year, report(reportCode), "CFS".equals(fsDiv), receiptNo, start, end,
                    currency, revenue, operatingIncome, netIncome, totalAssets, totalLiabilities, totalEquity,
                    priorRevenue, priorOperatingIncome, priorNetIncome);
        }
    }

    private final DartClient client;

    DartFinancialStatements(DartClient client) {
        this.client = client;
    }

    Optional<Statement> annual(String corpCode, int year) {
        return statement(corpCode, year, ANNUAL);
    }

    /**
     * The newest annual report as of {@code today}: last fiscal year's (filed by the end of March), else the
     * year before. At most two calls.
     */
    Optional<Statement> latestAnnual(String corpCode, LocalDate today) {
        for (int year = today.getYear() - 1; year >= today.getYear() - 2; year--) {
            Optional<Statement> statement = annual(corpCode, year);
            if (statement.isPresent()) {
                return statement;
            }
        }
        return Optional.empty();
    }

    /** The newest quarterly or half-year report as of {@code today} (see the three-argument form). */
    Optional<Statement> latestQuarter(String corpCode, LocalDate today) {
        return latestQuarter(corpCode, today, null);
    }

    /**
     * The newest quarterly or half-year report as of {@code today}: Q3, half-year, Q1 of this year, then of last
     * year, skipping quarters that have not ended yet and stopping at those that end on or before
     * {@code notAfter} (the annual report already covers them). Each asked report costs one call (013 when
     * not filed); quarter ends assume a December fiscal year, as for almost all listed Korean companies.
     */
    Optional<Statement> latestQuarter(String corpCode, LocalDate today, LocalDate notAfter) {
        for (int year = today.getYear(); year >= today.getYear() - 1; year--) {
            for (Quarter quarter : QUARTERS) {
                LocalDate end = quarter.end().atYear(year);
                if (!end.isBefore(today)) {
                    continue; // not over yet: nothing can be filed
                }
                if (notAfter != null && !end.isAfter(notAfter)) {
                    return Optional.empty();
                }
                Optional<Statement> statement = statement(corpCode, year, quarter.reportCode());
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
        Optional<DartAccount> revenue = row(chosen, "IS", "매출액", "수익(매출액)", "영업수익");
        Optional<DartAccount> operating = row(chosen, "IS", "영업이익", "영업이익(손실)");
        Optional<DartAccount> net = row(chosen, "IS", "당기순이익", "당기순이익(손실)");
        // the business year as filed (bsns_year), the requested one when a row lacks it
        return Optional.of(new Statement(corpCode, first.year() > 0 ? first.year() : year, reportCode,
                consolidated.isEmpty() ? "OFS" : "CFS",
                first.receiptNo(), period, first.currency(),
                revenue.map(DartAccount::amount).orElse(null), operating.map(DartAccount::amount).orElse(null),
                net.map(DartAccount::amount).orElse(null),
                row(chosen, "BS", "자산총계").map(DartAccount::amount).orElse(null),
                row(chosen, "BS", "부채총계").map(DartAccount::amount).orElse(null),
                row(chosen, "BS", "자본총계").map(DartAccount::amount).orElse(null),
                revenue.map(DartAccount::priorAmount).orElse(null),
                operating.map(DartAccount::priorAmount).orElse(null),
                net.map(DartAccount::priorAmount).orElse(null)));
    }

    static String report(String reportCode) {
        return switch (reportCode) {
            case ANNUAL -> "ANNUAL";
            case HALF_YEAR -> "HALF_YEAR";
            case Q1 -> "Q1";
            case Q3 -> "Q3";
            default -> reportCode;
        };
    }

    private static Optional<DartAccount> row(List<DartAccount> rows, String statement, String... names) {
        for (String name : names) {
            for (DartAccount row : rows) {
                if (statement.equals(row.sjDiv()) && name.equals(row.accountName())) {
                    return Optional.of(row);
                }
            }
        }
        return Optional.empty();
    }
}
