package io.stockradar.agent.engine;

import java.util.List;
import java.util.Objects;

/**
 * Everything the engine needs for one market.
 *
 * @param market {@code KR} or {@code US}
 * @param benchmark {@code ^KS11} or {@code ^GSPC}
 * @param secondary {@code ^KQ11} (KR) or {@code ^VIX} (US), nullable
 * @param universe the members; breadth and sector statistics come from them
 */
public record MarketInput(String market, PriceSeries benchmark, PriceSeries secondary, List<Stock> universe) {

    public MarketInput {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(benchmark, "benchmark");
        universe = List.copyOf(universe);
    }
}
