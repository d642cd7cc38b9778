package io.stockradar.marketdata.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Quote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read path of every price endpoint: Redis first, then the provider, and what the provider gave is
 * written back. Keys: {@code <prefix>:<source>:<dataVersion>:daily:<symbol>} (binary columns) and
 * {@code ...:quote:<symbol>} (JSON). TTLs per kind: quotes {@code quoteTtl}; daily bars until the next
 * close of their market (live providers) or {@code staticDataTtl} (demo, whose data never changes).
 * Absent data is not cached: the provider answers "no such series" from memory.
 */
public class CachedMarketData {

    private static final Logger log = LoggerFactory.getLogger(CachedMarketData.class);

    private final MarketDataProvider provider;
    private final RedisStore store;
    private final CacheProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final String keyBase;
    private final Counter dailyHits;
    private final Counter dailyMisses;
    private final Counter quoteHits;
    private final Counter quoteMisses;

    CachedMarketData(MarketDataProvider provider, RedisStore store, CacheProperties properties, JsonMapper json,
                     Clock clock, MeterRegistry meters) {
        this.provider = provider;
        this.store = store;
        this.properties = properties;
        // Keep the exchange's offset of marketTime (Jackson would otherwise normalise it to UTC on read).
        this.json = json.rebuild().disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE).build();
        this.clock = clock;
        this.keyBase = properties.keyPrefix() + ":" + provider.source() + ":" + provider.dataVersion() + ":";
        this.dailyHits = meters.counter("stockradar.cache.requests", "kind", "daily", "result", "hit");
        this.dailyMisses = meters.counter("stockradar.cache.requests", "kind", "daily", "result", "miss");
        this.quoteHits = meters.counter("stockradar.cache.requests", "kind", "quote", "result", "hit");
        this.quoteMisses = meters.counter("stockradar.cache.requests", "kind", "quote", "result", "miss");
    }

    public MarketDataProvider provider() {
        return provider;
    }

    public Optional<DailySeries> dailySeries(String symbol) {
        return Optional.ofNullable(dailySeries(List.of(symbol)).get(symbol));
    }

    /**
     * Series of the symbols that have one, in request order; one MGET for all of them and one pipelined
     * write of the misses the provider could serve.
     */
    public Map<String, DailySeries> dailySeries(Collection<String> symbols) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(symbols));
        List<String> keys = unique.stream().map(s -> keyBase + "daily:" + s).toList();
        List<byte[]> cached = store.getAll(keys);
        Map<String, DailySeries> result = new LinkedHashMap<>();
        Map<String, byte[]> toWrite = new LinkedHashMap<>();
        Map<Market, Duration> ttls = new LinkedHashMap<>();
        for (int i = 0; i < unique.size(); i++) {
            String symbol = unique.get(i);
            DailySeries series = DailySeriesCodec.decode(cached.get(i));
            if (series != null && series.symbol().equals(symbol)) {
                dailyHits.increment();
                result.put(symbol, series);
                continue;
            }
            dailyMisses.increment();
            Optional<DailySeries> loaded = provider.dailySeries(symbol);
            if (loaded.isPresent()) {
                result.put(symbol, loaded.get());
                toWrite.put(keys.get(i), DailySeriesCodec.encode(loaded.get()));
                ttls.putIfAbsent(loaded.get().market(), dailyTtl(loaded.get().market()));
            }
        }
        if (!toWrite.isEmpty()) {
            // One TTL per write: the longest needed is fine for static data; live data is grouped per market.
            if (ttls.size() == 1 || !provider.live()) {
                store.putAll(toWrite, ttls.values().iterator().next());
            } else {
                for (Map.Entry<Market, Duration> ttl : ttls.entrySet()) {
                    Map<String, byte[]> part = new LinkedHashMap<>();
                    toWrite.forEach((key, value) -> {
                        DailySeries s = result.get(key.substring(key.lastIndexOf(':') + 1));
                        if (s != null && s.market() == ttl.getKey()) {
                            part.put(key, value);
                        }
                    });
                    store.putAll(part, ttl.getValue());
                }
            }
        }
        return result;
    }

    public Optional<Quote> quote(String symbol) {
        String key = keyBase + "quote:" + symbol;
        byte[] cached = store.getAll(List.of(key)).getFirst();
        if (cached != null) {
            try {
                Quote quote = json.readValue(cached, Quote.class);
                quoteHits.increment();
                return Optional.of(quote);
            } catch (JacksonException e) {
                log.warn("Ignoring unreadable cached quote {}: {}", key, e.getMessage());
            }
        }
        quoteMisses.increment();
        Optional<Quote> quote = provider.quote(symbol);
        quote.ifPresent(q -> store.putAll(Map.of(key, json.writeValueAsBytes(q)), properties.quoteTtl()));
        return quote;
    }

    Duration dailyTtl(Market market) {
        if (!provider.live()) {
            return properties.staticDataTtl();
        }
        Instant now = clock.instant();
        return Duration.between(now, MarketClock.nextClose(market, now)).plus(properties.afterCloseMargin());
    }

    /** True while the last Redis call succeeded (for logs and tests; reads never depend on it). */
    public boolean redisAvailable() {
        return store.available();
    }
}
