package io.stockradar.marketdata.search;

/** An entry of {@code GET /api/market/search}. */
record SearchResult(String symbol, String code, String name, String nameKo, String nameEn, String market,
                    String exchange, String sector, String type) {
}
