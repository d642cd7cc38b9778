package io.stockradar.marketdata.search;

/**
 * An entry of {@code GET /api/market/search}.
 *
 * @param source {@code local} (the bundled master: quotes, bars and figures are served for it) or the live
 *               search that found it ({@code yahoo}: listed there, not in this service's master)
 */
record SearchResult(String symbol, String code, String name, String nameKo, String nameEn, String market,
                    String exchange, String sector, String type, String source) {
}
