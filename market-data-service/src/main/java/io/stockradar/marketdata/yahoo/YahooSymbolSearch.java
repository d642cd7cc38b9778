package io.stockradar.marketdata.yahoo;

import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.SymbolSearchSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Yahoo's {@code /v1/finance/search} as a {@link SymbolSearchSource}: equities, ETFs and indices only. */
class YahooSymbolSearch implements SymbolSearchSource {

    private static final Map<String, String> TYPES = Map.of("EQUITY", "STOCK", "ETF", "ETF", "INDEX", "INDEX");
    /** Yahoo's codes of the US exchanges (NasdaqGS/GM/CM, NYSE, NYSE American, NYSE Arca, Cboe BZX). */
    private static final Set<String> US_EXCHANGES = Set.of("NMS", "NGM", "NCM", "NAS", "NYQ", "ASE", "PCX", "BTS",
            "NIM", "SNP", "DJI", "WCB", "CXI");
    private static final Set<String> KR_EXCHANGES = Set.of("KSC", "KOE", "KOSDAQ");

    private final YahooClient client;

    YahooSymbolSearch(YahooClient client) {
        this.client = client;
    }

    @Override
    public String source() {
        return YahooClient.SOURCE;
    }

    @Override
    public List<Hit> search(String query, int limit) {
        return client.search(query, limit).stream()
                .filter(hit -> hit.quoteType() != null && TYPES.containsKey(hit.quoteType().toUpperCase(Locale.ROOT)))
                .map(hit -> new Hit(hit.symbol(), hit.longName() != null ? hit.longName() : hit.shortName(),
                        hit.exchangeDisplay() != null ? hit.exchangeDisplay() : hit.exchange(), market(hit),
                        TYPES.get(hit.quoteType().toUpperCase(Locale.ROOT))))
                .toList();
    }

    static Market market(YahooSearchHit hit) {
        String symbol = hit.symbol().toUpperCase(Locale.ROOT);
        if (symbol.endsWith(".KS") || symbol.endsWith(".KQ") || KR_EXCHANGES.contains(hit.exchange())) {
            return Market.KR;
        }
        if (US_EXCHANGES.contains(hit.exchange())) {
            return Market.US;
        }
        return null;
    }
}
