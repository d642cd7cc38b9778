package io.stockradar.marketdata.provider;

/**
 * Where the financial statements of Korean companies come from with a live provider: OpenDART's
 * single-company key accounts ({@code dart}). Present only while live DART is enabled; the demo keeps the
 * bundled master's figures.
 */
public interface FinancialStatementSource {

    /** The {@code source} the responses carry ({@code dart}). */
    String source();

    /** Whether the source covers the security at all (KR stocks); nothing is fetched. */
    boolean covers(Security security);

    /**
     * The latest annual statement and, when newer, the latest quarterly one, as filed. A company that files
     * nothing (DART {@code 013}) or has no corp code gives {@link CompanyStatements#none}: an answer, not an
     * error.
     *
     * @throws UpstreamUnavailableException when the source cannot answer within its deadline (rate limit,
     *                                      outage, misconfigured key)
     */
    CompanyStatements statements(Security security);
}
