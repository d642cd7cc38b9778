package io.stockradar.marketdata.provider;

import java.time.LocalDate;
import java.util.List;

/**
 * Company figures as the data source published them; every figure is null when unknown and carries
 * the date it belongs to.
 *
 * @param periodEnd       the end of the reporting period of revenue, operating income, net income and ROE
 * @param settleMonth     the fiscal year's last month (12 = December), null when unknown
 * @param roePercent      return on equity in percent (19.16 = 19.16 %)
 * @param marketCapDate   the trading date the market cap was computed for
 * @param riskFlags       exchange flags (halted, administrative issue, market warning) as of their date
 */
public record CompanyFigures(String symbol, Market market, LocalDate periodEnd, Integer settleMonth, Double revenue,
                             Double operatingIncome, Double netIncome, Double roePercent, Double marketCap,
                             LocalDate marketCapDate, List<RiskFlag> riskFlags) {

    public CompanyFigures {
        riskFlags = riskFlags == null ? List.of() : List.copyOf(riskFlags);
    }

    public String currency() {
        return market.currency();
    }

    /** An exchange flag on a security, e.g. a trading halt. */
    public record RiskFlag(String code, LocalDate date, String title) {
    }
}
