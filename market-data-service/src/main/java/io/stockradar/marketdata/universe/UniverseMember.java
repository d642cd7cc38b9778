package io.stockradar.marketdata.universe;

import io.stockradar.marketdata.provider.Security;

/** A universe member; {@code marketCap} in the market's currency (null when unknown), {@code hasBars} whether a price series exists. */
record UniverseMember(String symbol, String code, String name, String nameKo, String nameEn, String market,
                      String exchange, String sector, Double marketCap, boolean hasBars) {

    static UniverseMember of(Security s, boolean hasBars) {
        return new UniverseMember(s.symbol(), s.code(), s.name(), s.nameKo(), s.nameEn(), s.market().name(),
                s.exchange(), s.sector(), s.marketCap(), hasBars);
    }
}
