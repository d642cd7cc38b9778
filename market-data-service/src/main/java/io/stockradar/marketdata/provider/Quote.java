package io.stockradar.marketdata.provider;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The latest price of a symbol.
 *
 * @param change        price minus previous close; null without a previous bar
 * @param changePercent the change in percent of the previous close (1.5 = +1.5 %); null without one
 * @param tradingDate   the session the price belongs to
 * @param marketTime    that session's close in the exchange's zone
 */
public record Quote(String symbol, Market market, double price, Double previousClose, Double change,
                    Double changePercent, long volume, LocalDate tradingDate, OffsetDateTime marketTime) {

    public String currency() {
        return market.currency();
    }
}
