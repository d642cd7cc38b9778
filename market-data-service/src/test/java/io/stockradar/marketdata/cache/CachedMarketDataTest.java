package io.stockradar.marketdata.cache;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Quote;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class CachedMarketDataTest {

    private static final CacheProperties PROPERTIES = new CacheProperties(Duration.ofMinutes(5), Duration.ofDays(7),
            Duration.ofMinutes(20), Duration.ofSeconds(5), "stockradar:md");

    private static CachedMarketData cache(boolean live, Instant now) {
        MarketDataProvider provider = mock(MarketDataProvider.class);
        when(provider.live()).thenReturn(live);
        when(provider.source()).thenReturn(live ? "yahoo" : "demo");
        when(provider.dataVersion()).thenReturn("v1");
        return new CachedMarketData(provider, null, PROPERTIES, JsonMapper.builder().build(),
                Clock.fixed(now, ZoneOffset.UTC), new SimpleMeterRegistry());
    }

    @Test
    void liveBarsExpireAfterTheNextCloseOfTheirMarket() {
        // Mon 2025-06-16 10:00 KST: KR closes 15:30 KST (+5h30), +20 min margin
        CachedMarketData cache = cache(true, Instant.parse("2025-06-16T01:00:00Z"));
        assertThat(cache.dailyTtl(Market.KR)).isEqualTo(Duration.ofHours(5).plusMinutes(50));
        // same instant is 21:00 EDT on Sunday 06-15 in New York: next US close Mon 16:00 EDT (+19h), +20 min
        assertThat(cache.dailyTtl(Market.US)).isEqualTo(Duration.ofHours(19).plusMinutes(20));
    }

    @Test
    void demoBarsUseTheStaticTtlBecauseTheyNeverChange() {
        assertThat(cache(false, Instant.parse("2025-06-16T01:00:00Z")).dailyTtl(Market.KR)).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void sameCachedBytesAreParsedOnceAndChangedBytesAgain() {
        CachedMarketData cache = cache(false, Instant.parse("2025-06-16T01:00:00Z"));
        JsonMapper json = JsonMapper.builder().build();
        Quote before = new Quote("AAPL", Market.US, 100.0, 99.0, 1.0, 1.01, 1_000, LocalDate.parse("2026-02-25"),
                OffsetDateTime.parse("2026-02-25T21:00:00Z"));
        Quote after = new Quote("AAPL", Market.US, 101.0, 100.0, 1.0, 1.0, 2_000, LocalDate.parse("2026-02-26"),
                OffsetDateTime.parse("2026-02-26T21:00:00Z"));

        Quote first = cache.readQuote("k", json.writeValueAsBytes(before));
        Quote second = cache.readQuote("k", json.writeValueAsBytes(before)); // equal bytes, another array
        Quote changed = cache.readQuote("k", json.writeValueAsBytes(after));

        assertThat(first).isEqualTo(before);
        assertThat(second).isSameAs(first);
        assertThat(changed).isEqualTo(after);
        assertThat(cache.readQuote("k", null)).isNull();
        assertThat(cache.readQuote("other", json.writeValueAsBytes(before))).isNotSameAs(first).isEqualTo(before);
    }
}
