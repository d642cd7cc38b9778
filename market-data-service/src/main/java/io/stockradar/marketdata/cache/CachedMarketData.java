package io.stockradar.marketdata.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Quote;
import io.stockradar.marketdata.provider.UpstreamUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read path of every price endpoint: Redis first, then the provider, and what the provider gave is
 * written back. Keys: {@code <prefix>:<source>:<dataVersion>:daily:<symbol>} (binary columns) and
 * {@code ...:quote:<symbol>} (JSON). TTLs per kind: quotes {@code quoteTtl}; daily bars until the next
 * close of their market (live providers) or {@code staticDataTtl} (demo, whose data never changes).
 * Absent data is not cached: the provider answers "no such series" from memory. For a live provider the
 * last good value of every key is also kept ({@code ...:last:daily:<symbol>}, {@code staleTtl}) and served,
 * marked stale, while the upstream cannot answer.
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
    private final Counter staleServed;
    private final Counter coalesced;
    private final Counter revalidated;
    private final CacheProperties.SingleFlight singleFlight;
    /** Identifies this instance's leases (for logs and debugging in Redis). */
    /**
     * Per quote key, the last bytes read from Redis and the quote parsed from them: the same bytes are not parsed
     * again (bench/market-data/README.md). Redis is still read on every request, so what is served
     * is exactly what Redis holds; bounded like the security master.
     */
    private final Cache<String, DecodedQuote> decodedQuotes = Caffeine.newBuilder().maximumSize(4_096).build();
    private final String leaseToken = java.util.UUID.randomUUID().toString();
    private static final byte[] EMPTY = "EMPTY".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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
        this.staleServed = meters.counter("stockradar.cache.stale.served");
        this.coalesced = meters.counter("stockradar.cache.single.flight.coalesced");
        this.revalidated = meters.counter("stockradar.cache.quote.revalidated");
        this.singleFlight = properties.singleFlight();
    }

    public MarketDataProvider provider() {
        return provider;
    }

    public Optional<DailySeries> dailySeries(String symbol) {
        return Optional.ofNullable(dailySeries(List.of(symbol)).get(symbol));
    }

    /** Like {@link #dailySeries(String)}, saying whether the series is the last good one of a failing upstream. */
    public Optional<CachedValue<DailySeries>> dailySeriesServed(String symbol) {
        Loaded loaded = load(List.of(symbol));
        DailySeries series = loaded.series().get(symbol);
        return series == null ? Optional.empty()
                : Optional.of(new CachedValue<>(series, loaded.stale().contains(symbol)));
    }

    /**
     * Series of the symbols that have one, in request order; one MGET for all of them and one pipelined
     * write of the misses the provider could serve. When a live provider cannot answer
     * ({@link UpstreamUnavailableException}), the last good series are served instead (one MGET); without
     * one the exception propagates (503 with Retry-After).
     */
    public Map<String, DailySeries> dailySeries(Collection<String> symbols) {
        return load(symbols).series();
    }

    private Loaded load(Collection<String> symbols) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(symbols));
        List<byte[]> cached = store.getAll(unique.stream().map(this::dailyKey).toList());
        Map<String, DailySeries> result = new LinkedHashMap<>();
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < unique.size(); i++) {
            String symbol = unique.get(i);
            DailySeries series = decode(symbol, cached.get(i));
            result.put(symbol, series); // null keeps the request order until it is loaded
            if (series != null) {
                dailyHits.increment();
            } else {
                dailyMisses.increment();
                misses.add(symbol);
            }
        }
        DailyLoad load = new DailyLoad(result);
        if (!misses.isEmpty()) {
            if (provider.live() && singleFlight.enabled()) {
                loadOncePerKeyAcrossInstances(misses, load);
            } else {
                misses.forEach(load::fromProvider);
                load.flush();
            }
        }
        Set<String> stale = new LinkedHashSet<>();
        if (!load.failed.isEmpty()) {
            List<byte[]> kept = store.getAll(load.failed.stream().map(s -> lastGoodKey("daily", s)).toList());
            for (int i = 0; i < load.failed.size(); i++) {
                DailySeries series = decode(load.failed.get(i), kept.get(i));
                if (series == null) {
                    throw load.failure;
                }
                result.put(load.failed.get(i), series);
                stale.add(load.failed.get(i));
            }
            staleServed.increment(load.failed.size());
            log.debug("Upstream unavailable ({}); served the last good series of {}", load.failure.getMessage(),
                    load.failed);
        }
        result.values().removeIf(java.util.Objects::isNull);
        return new Loaded(result, stale);
    }

    /**
     * Single-flight across instances for a live provider: a miss first takes a short Redis lease on its key
     * ({@code SET NX PX}); only the holder calls the provider, writes the value and drops the lease (or marks
     * the key empty for a moment when the provider has nothing). The others poll Redis for the value; when a
     * lease vanishes without a value (its holder died or failed) they compete for it again, and after
     * {@code maxWait} they call the provider themselves. Redis down: every instance loads alone.
     */
    private void loadOncePerKeyAcrossInstances(List<String> misses, DailyLoad load) {
        Instant giveUpAt = clock.instant().plus(singleFlight.maxWait());
        List<String> pending = new ArrayList<>(misses);
        while (!pending.isEmpty()) {
            List<String> mine = store.lease(pending.stream().map(s -> leaseKey(dailyKey(s))).toList(), leaseToken,
                    singleFlight.leaseTtl()).stream().map(i -> pending.get(i)).toList();
            if (!mine.isEmpty()) {
                // Another caller may have loaded the key and dropped its lease since our MGET (or we took over a
                // lease that just went away): its value may be there already.
                List<byte[]> now = store.getAll(mine.stream().map(this::dailyKey).toList());
                List<String> found = new ArrayList<>();
                for (int i = 0; i < mine.size(); i++) {
                    DailySeries series = decode(mine.get(i), now.get(i));
                    if (series != null) {
                        coalesced.increment();
                        load.result.put(mine.get(i), series);
                        found.add(mine.get(i));
                    }
                }
                store.delete(found.stream().map(s -> leaseKey(dailyKey(s))).toList());
                pending.removeAll(found);
                mine = mine.stream().filter(s -> !found.contains(s)).toList();
            }
            if (!mine.isEmpty()) {
                mine.forEach(load::fromProvider);
                load.flush();
                load.releaseLeases(mine);
                pending.removeAll(mine);
            }
            if (pending.isEmpty()) {
                return;
            }
            if (!clock.instant().isBefore(giveUpAt)) {
                log.debug("Gave up waiting for other instances to load {}; loading them here", pending);
                pending.forEach(load::fromProvider);
                load.flush();
                return;
            }
            if (!sleep(singleFlight.pollInterval())) {
                pending.forEach(load::fromProvider);
                load.flush();
                return;
            }
            List<String> keys = new ArrayList<>();
            pending.forEach(s -> {
                keys.add(dailyKey(s));
                keys.add(leaseKey(dailyKey(s)));
            });
            List<byte[]> polled = store.getAll(keys);
            List<String> stillPending = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                String symbol = pending.get(i);
                DailySeries series = decode(symbol, polled.get(2 * i));
                byte[] lease = polled.get(2 * i + 1);
                if (series != null) {
                    coalesced.increment();
                    load.result.put(symbol, series);
                } else if (lease != null && java.util.Arrays.equals(lease, EMPTY)) {
                    coalesced.increment(); // the holder found nothing: so do we
                } else {
                    stillPending.add(symbol); // still loading, or the lease is gone: try to take it
                }
            }
            pending.clear();
            pending.addAll(stillPending);
        }
    }

    /** The provider side of one read: loads, collects the writes, remembers upstream failures. */
    private final class DailyLoad {

        final Map<String, DailySeries> result;
        final Map<String, byte[]> toWrite = new LinkedHashMap<>();
        final Map<String, byte[]> lastGood = new LinkedHashMap<>();
        final Map<Market, Duration> ttls = new LinkedHashMap<>();
        final List<String> failed = new ArrayList<>();
        final Set<String> loaded = new LinkedHashSet<>();
        UpstreamUnavailableException failure;

        DailyLoad(Map<String, DailySeries> result) {
            this.result = result;
        }

        void fromProvider(String symbol) {
            Optional<DailySeries> series;
            try {
                series = provider.dailySeries(symbol);
            } catch (UpstreamUnavailableException e) {
                failure = e;
                failed.add(symbol);
                return;
            }
            if (series.isPresent()) {
                loaded.add(symbol);
                result.put(symbol, series.get());
                byte[] encoded = DailySeriesCodec.encode(series.get());
                toWrite.put(dailyKey(symbol), encoded);
                if (provider.live()) {
                    lastGood.put(lastGoodKey("daily", symbol), encoded);
                }
                ttls.putIfAbsent(series.get().market(), dailyTtl(series.get().market()));
            }
        }

        /** Writes what was loaded since the last flush: one pipeline per TTL. */
        void flush() {
            if (toWrite.isEmpty()) {
                return;
            }
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
            store.putAll(lastGood, properties.staleTtl());
            toWrite.clear();
            lastGood.clear();
            ttls.clear();
        }

        /** Drops the leases of loaded keys; marks keys the provider had nothing for as empty for a moment. */
        void releaseLeases(List<String> symbols) {
            List<String> done = new ArrayList<>();
            Map<String, byte[]> empty = new LinkedHashMap<>();
            for (String symbol : symbols) {
                if (loaded.contains(symbol) || failed.contains(symbol)) {
                    done.add(leaseKey(dailyKey(symbol)));
                } else {
                    empty.put(leaseKey(dailyKey(symbol)), EMPTY);
                }
            }
            store.delete(done);
            store.putAll(empty, singleFlight.emptyTtl());
        }
    }

    private DailySeries decode(String symbol, byte[] bytes) {
        DailySeries series = DailySeriesCodec.decode(bytes);
        return series != null && series.symbol().equals(symbol) ? series : null;
    }

    private String dailyKey(String symbol) {
        return keyBase + "daily:" + symbol;
    }

    private static String leaseKey(String valueKey) {
        return valueKey + ":lease";
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Optional<Quote> quote(String symbol) {
        return quoteServed(symbol).map(CachedValue::value);
    }

    /**
     * The quote, from Redis or the provider; when a live provider cannot answer, the last good quote marked
     * stale, else the {@link UpstreamUnavailableException} (503 with Retry-After).
     */
    public Optional<CachedValue<Quote>> quoteServed(String symbol) {
        String key = keyBase + "quote:" + symbol;
        boolean revalidate = provider.live() && properties.quoteRefreshAfter().compareTo(properties.quoteTtl()) < 0;
        // Live: the "fresh" marker rides in the same MGET; without it the quote is served and refreshed behind.
        List<byte[]> cached = store.getAll(revalidate ? List.of(key, freshKey(key)) : List.of(key));
        Quote hit = readQuote(key, cached.getFirst());
        if (hit != null) {
            quoteHits.increment();
            if (revalidate && cached.get(1) == null) {
                refreshInBackground(symbol, key);
            }
            return Optional.of(new CachedValue<>(hit, false));
        }
        quoteMisses.increment();
        Optional<Quote> quote;
        try {
            quote = provider.live() && singleFlight.enabled() ? quoteOnceAcrossInstances(symbol, key)
                    : loadQuote(symbol, key);
        } catch (UpstreamUnavailableException e) {
            String lastKey = lastGoodKey("quote", symbol);
            Quote last = readQuote(lastKey, store.getAll(List.of(lastKey)).getFirst());
            if (last == null) {
                throw e;
            }
            staleServed.increment();
            return Optional.of(new CachedValue<>(last, true));
        }
        return quote.map(q -> new CachedValue<>(q, false));
    }

    /** The provider's quote, written to Redis (and kept as the last good one for a live provider). */
    private Optional<Quote> loadQuote(String symbol, String key) {
        Optional<Quote> quote = provider.quote(symbol);
        quote.ifPresent(q -> {
            byte[] bytes = json.writeValueAsBytes(q);
            if (provider.live()) {
                // The marker first: a reader never sees the new quote without it and refreshes it again.
                store.putAll(Map.of(freshKey(key), EMPTY), properties.quoteRefreshAfter());
                store.putAll(Map.of(lastGoodKey("quote", symbol), bytes), properties.staleTtl());
            }
            store.putAll(Map.of(key, bytes), properties.quoteTtl());
        });
        return quote;
    }

    /**
     * Stale-while-revalidate: one instance (the one that gets the lease) reloads the quote on a virtual
     * thread while every caller keeps getting the cached one; a failure leaves the cached quote in place.
     */
    private void refreshInBackground(String symbol, String key) {
        String lease = leaseKey(key);
        if (store.lease(List.of(lease), leaseToken, singleFlight.leaseTtl()).isEmpty()) {
            return; // another caller or instance is refreshing it
        }
        if (store.getAll(List.of(freshKey(key))).getFirst() != null) {
            store.delete(List.of(lease)); // refreshed (and its lease dropped) since our read
            return;
        }
        Thread.ofVirtual().name("quote-refresh-" + symbol).start(() -> {
            try {
                loadQuote(symbol, key);
                revalidated.increment();
            } catch (RuntimeException e) {
                log.debug("Background refresh of {} failed ({}); the cached quote stays", symbol, e.getMessage());
            } finally {
                store.delete(List.of(lease));
            }
        });
    }

    private static String freshKey(String valueKey) {
        return valueKey + ":fresh";
    }

    /** Single-flight of one quote key across instances; the same protocol as for daily series. */
    private Optional<Quote> quoteOnceAcrossInstances(String symbol, String key) {
        String lease = leaseKey(key);
        Instant giveUpAt = clock.instant().plus(singleFlight.maxWait());
        while (true) {
            if (!store.lease(List.of(lease), leaseToken, singleFlight.leaseTtl()).isEmpty()) {
                // the previous holder may have written the quote and dropped its lease since our first read
                Quote written = readQuote(key, store.getAll(List.of(key)).getFirst());
                if (written != null) {
                    store.delete(List.of(lease));
                    coalesced.increment();
                    return Optional.of(written);
                }
                Optional<Quote> quote;
                try {
                    quote = loadQuote(symbol, key);
                } catch (RuntimeException e) {
                    store.delete(List.of(lease));
                    throw e;
                }
                if (quote.isPresent()) {
                    store.delete(List.of(lease));
                } else {
                    store.putAll(Map.of(lease, EMPTY), singleFlight.emptyTtl());
                }
                return quote;
            }
            if (!clock.instant().isBefore(giveUpAt) || !sleep(singleFlight.pollInterval())) {
                return loadQuote(symbol, key);
            }
            List<byte[]> polled = store.getAll(List.of(key, lease));
            Quote quote = readQuote(key, polled.get(0));
            if (quote != null) {
                coalesced.increment();
                return Optional.of(quote);
            }
            if (polled.get(1) != null && java.util.Arrays.equals(polled.get(1), EMPTY)) {
                coalesced.increment();
                return Optional.empty();
            }
        }
    }

    Quote readQuote(String key, byte[] cached) {
        if (cached == null) {
            return null;
        }
        DecodedQuote last = decodedQuotes.getIfPresent(key);
        if (last != null && Arrays.equals(last.bytes(), cached)) {
            return last.quote();
        }
        try {
            Quote quote = json.readValue(cached, Quote.class);
            decodedQuotes.put(key, new DecodedQuote(cached, quote));
            return quote;
        } catch (JacksonException e) {
            log.warn("Ignoring unreadable cached quote {}: {}", key, e.getMessage());
            return null;
        }
    }

    private String lastGoodKey(String kind, String symbol) {
        return keyBase + "last:" + kind + ":" + symbol;
    }

    private record DecodedQuote(byte[] bytes, Quote quote) {
    }

    private record Loaded(Map<String, DailySeries> series, Set<String> stale) {
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
