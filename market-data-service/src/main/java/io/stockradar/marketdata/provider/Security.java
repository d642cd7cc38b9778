package io.stockradar.marketdata.provider;

import java.util.List;

/**
 * One entry of the security master: KRX code ↔ Yahoo symbol ↔ DART corp code, names, market and sector.
 *
 * @param symbol       Yahoo spelling ({@code 005930.KS}, {@code 035720.KQ}, {@code BRK-B}, {@code ^KS11})
 * @param code         the exchange's own code ({@code 005930}); for US stocks and indices the symbol
 * @param exchange     {@code KOSPI}, {@code KOSDAQ} for KR stocks; null where the source does not say
 * @param marketCap    in the market's currency, as of {@code marketCapDate}; null when unknown
 * @param universes    ids of the universes this security belongs to ({@code KOSPI200}, ...)
 */
public record Security(String symbol, String code, Market market, String exchange, SecurityType type,
                       String nameKo, String nameEn, String sector, String industry, String isin,
                       String dartCorpCode, Long listedShares, Double marketCap, java.time.LocalDate marketCapDate,
                       List<String> universes) {

    public Security {
        universes = universes == null ? List.of() : List.copyOf(universes);
    }

    /** The display name: Korean for KR securities when known, English otherwise. */
    public String name() {
        if (market == Market.KR && nameKo != null) {
            return nameKo;
        }
        return nameEn != null ? nameEn : nameKo;
    }

    public String currency() {
        return market.currency();
    }
}
