package io.stockradar.marketdata.cache;

import io.stockradar.marketdata.provider.Market;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MarketClockTest {

    @Test
    void nextKrCloseIsTodayBeforeTheCloseAndMondayAfterFridaysClose() {
        // Mon 2025-06-16 10:00 KST
        assertThat(MarketClock.nextClose(Market.KR, Instant.parse("2025-06-16T01:00:00Z")))
                .isEqualTo(Instant.parse("2025-06-16T06:30:00Z"));
        // Fri 2025-06-13 16:00 KST → Mon 15:30 KST
        assertThat(MarketClock.nextClose(Market.KR, Instant.parse("2025-06-13T07:00:00Z")))
                .isEqualTo(Instant.parse("2025-06-16T06:30:00Z"));
    }

    @Test
    void usCloseFollowsNewYorkDaylightSaving() {
        // Wed 2026-02-25 12:00 EST → 16:00 EST = 21:00Z
        assertThat(MarketClock.nextClose(Market.US, Instant.parse("2026-02-25T17:00:00Z")))
                .isEqualTo(Instant.parse("2026-02-25T21:00:00Z"));
        // Mon 2025-06-16 12:00 EDT → 16:00 EDT = 20:00Z
        assertThat(MarketClock.nextClose(Market.US, Instant.parse("2025-06-16T16:00:00Z")))
                .isEqualTo(Instant.parse("2025-06-16T20:00:00Z"));
    }
}
