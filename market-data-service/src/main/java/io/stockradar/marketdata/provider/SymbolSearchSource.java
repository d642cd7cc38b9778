package io.stockradar.marketdata.provider;

import java.util.List;

/**
 * A live symbol search beside the bundled master ({@code yahoo}); present only with the live provider.
 */
public interface SymbolSearchSource {

    /** The {@code source} of its hits ({@code yahoo}). */
    String source();

    /**
     * Stocks, ETFs and indices matching {@code query}, best first (options, futures, currencies and the like
     * are left out).
     *
     * @throws UpstreamUnavailableException when the source cannot answer now
     */
    List<Hit> search(String query, int limit);

    /**
     * @param market {@code KR} or {@code US} when the listing is on one of them, else null
     * @param type   {@code STOCK}, {@code ETF} or {@code INDEX}
     */
    record Hit(String symbol, String name, String exchange, Market market, String type) {
    }
}
