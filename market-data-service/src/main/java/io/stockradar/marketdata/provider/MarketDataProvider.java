package io.stockradar.marketdata.provider;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where market data comes from. One implementation is active per instance, chosen by
 * {@code stockradar.market-data.provider}: {@code demo} (the bundled real dataset) or {@code yahoo}
 * (live prices, with the bundled {@link SecurityMaster}). Callers go through
 * {@code cache.CachedMarketData}, which puts Redis in front of the expensive calls.
 */
public interface MarketDataProvider {

    /** The {@code source} every response carries: {@code demo} or {@code yahoo}. */
    String source();

    /** Identifies the data behind this provider; part of every cache key, so a new dataset never reads old entries. */
    String dataVersion();

    /** False when the data never changes while the instance runs (the demo dataset). */
    boolean live();

    /** Per market, the last trading date the provider has data for ("today" of the demo market). */
    Map<Market, LocalDate> asOf();

    Optional<Security> security(String symbol);

    Collection<Security> securities();

    List<Universe> universes();

    Optional<Universe> universe(String id);

    /** All daily bars the provider has for the symbol; empty if it has none (unknown or no series). */
    Optional<DailySeries> dailySeries(String symbol);

    /**
     * Whether the provider has daily bars for the symbol, without fetching them (a metadata question:
     * universe listings ask it for hundreds of members).
     */
    default boolean hasDailySeries(String symbol) {
        return dailySeries(symbol).isPresent();
    }

    /** The latest price; empty if the symbol has no price data. */
    Optional<Quote> quote(String symbol);

    /** Company figures; empty if the provider has none for the symbol. */
    Optional<CompanyFigures> companyFigures(String symbol);
}
