package io.stockradar.marketdata.universe;

import java.time.LocalDate;

/** An entry of {@code GET /api/market/universes}. */
record UniverseSummary(String id, String name, String market, LocalDate asOf, LocalDate pricesAsOf, String source,
                       int memberCount, int membersWithBars) {
}
