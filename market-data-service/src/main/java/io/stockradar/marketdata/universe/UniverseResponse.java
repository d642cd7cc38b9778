package io.stockradar.marketdata.universe;

import java.time.LocalDate;
import java.util.List;

/**
 * One universe. {@code asOf} is the date of the membership list; {@code pricesAsOf} the last date of
 * the market's price data; members without a price series have {@code hasBars=false}.
 */
record UniverseResponse(String id, String name, String market, LocalDate asOf, LocalDate pricesAsOf, String source,
                        int memberCount, List<UniverseMember> members) {
}
