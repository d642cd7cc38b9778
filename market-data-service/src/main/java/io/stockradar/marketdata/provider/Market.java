package io.stockradar.marketdata.provider;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** A market with its own currency, time zone and regular close. */
public enum Market {
    KR("KRW", ZoneId.of("Asia/Seoul"), LocalTime.of(15, 30)),
    US("USD", ZoneId.of("America/New_York"), LocalTime.of(16, 0));

    private final String currency;
    private final ZoneId zone;
    private final LocalTime close;

    Market(String currency, ZoneId zone, LocalTime close) {
        this.currency = currency;
        this.zone = zone;
        this.close = close;
    }

    public String currency() {
        return currency;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalTime close() {
        return close;
    }

    /** The regular close of a trading date, in the exchange's zone with its offset on that date. */
    public OffsetDateTime closeOf(LocalDate tradingDate) {
        return tradingDate.atTime(close).atZone(zone).toOffsetDateTime();
    }
}
