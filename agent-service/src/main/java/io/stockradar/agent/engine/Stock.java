package io.stockradar.agent.engine;

import java.util.Objects;

/**
 * One universe member with its data.
 *
 * @param marketCap in the market's currency, nullable
 * @param fundamentals nullable: unknown fundamentals make the fundamental agent abstain
 */
public record Stock(String symbol, String name, String market, String sector, Double marketCap, PriceSeries prices,
        Fundamentals fundamentals) {

    public Stock {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(prices, "prices");
    }
}
