package io.stockradar.marketdata.dart;

import io.stockradar.marketdata.provider.CompanyStatements;
import io.stockradar.marketdata.provider.FinancialStatement;
import io.stockradar.marketdata.provider.FinancialStatementSource;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SecurityType;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * KR financial statements from OpenDART 단일회사 주요계정: the newest annual report (last fiscal year, else the
 * year before) and the newest quarterly report that ends after it; consolidated first, separate when the
 * company files no consolidated statements. A company without filings (013) gets an empty answer with a
 * note. Every call goes through {@link DartClient}: the shared rate limiter, backoff on 020 within the
 * deadline, then 503 with Retry-After; key errors mark the service misconfigured. Caching (Redis, 1 day,
 * single-flight) is the caller's.
 */
class DartFinancialsSource implements FinancialStatementSource {

    private final DartFinancialStatements statements;
    private final CorpCodeDirectory corpCodes;
    private final Clock clock;

    DartFinancialsSource(DartFinancialStatements statements, CorpCodeDirectory corpCodes, Clock clock) {
        this.statements = statements;
        this.corpCodes = corpCodes;
        this.clock = clock;
    }

    @Override
    public String source() {
        return DartClient.SOURCE;
    }

    @Override
    public boolean covers(Security security) {
        return security.market() == Market.KR && security.type() == SecurityType.STOCK;
    }

    @Override
    public CompanyStatements statements(Security security) {
        LocalDate today = LocalDate.now(clock.withZone(LocalRateLimiter.DART_ZONE));
        Optional<String> corpCode = covers(security) ? corpCodes.corpCode(security) : Optional.empty();
        if (corpCode.isEmpty()) {
            return CompanyStatements.none(security.symbol(), null, source(), today,
                    "No DART corp code for " + security.symbol() + " (indices and many preferred shares have none)");
        }
        FinancialStatement annual = statements.latestAnnual(corpCode.get(), today)
                .map(DartFinancialStatements.Statement::toFinancialStatement).orElse(null);
        FinancialStatement quarter = statements.latestQuarter(corpCode.get(), today,
                        annual == null ? null : annual.periodEnd())
                .map(DartFinancialStatements.Statement::toFinancialStatement).orElse(null);
        String note = annual == null && quarter == null
                ? "OpenDART has no periodic report of " + security.symbol() + " for " + (today.getYear() - 2) + "-"
                + today.getYear()
                : annual == null ? "No annual report for " + (today.getYear() - 2) + "-" + (today.getYear() - 1)
                : null;
        return new CompanyStatements(security.symbol(), corpCode.get(), source(), today, annual, quarter, note);
    }
}
