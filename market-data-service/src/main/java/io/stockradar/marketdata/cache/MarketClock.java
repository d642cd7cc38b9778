package io.stockradar.marketdata.cache;

import io.stockradar.marketdata.provider.Market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;

/** The next regular close of a market (weekdays; exchange holidays are not modelled, so a holiday just expires early). */
final class MarketClock {

    private MarketClock() {
    }

    static Instant nextClose(Market market, Instant now) {
        ZonedDateTime local = now.atZone(market.zone());
        ZonedDateTime close = local.toLocalDate().atTime(market.close()).atZone(market.zone());
        if (!close.isAfter(local)) {
            close = close.plusDays(1);
        }
        while (close.getDayOfWeek() == DayOfWeek.SATURDAY || close.getDayOfWeek() == DayOfWeek.SUNDAY) {
            close = close.plusDays(1);
        }
        return close.toInstant();
    }
}
