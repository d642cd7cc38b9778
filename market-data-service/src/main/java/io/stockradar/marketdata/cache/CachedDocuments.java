package io.stockradar.marketdata.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.marketdata.provider.UpstreamUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Slow-changing upstream documents (e.g. a company's DART statements) as JSON in Redis, with the machinery of
 * the price cache:
 * <ul>
 * <li><b>fresh</b> for {@link Kind#freshFor()}, then served for {@link Kind#revalidateWindow()} more while one
 * instance (the lease holder) reloads it on a virtual thread (stale-while-revalidate);</li>
 * <li><b>single-flight across instances</b>: a cold key is loaded by the holder of its Redis lease
 * ({@code SET NX PX}); the others poll for the value. A holder that fails marks the lease {@code FAILED} for
 * a moment, so waiters answer at once instead of queueing one upstream attempt each;</li>
 * <li><b>stale</b>: the last good value is kept {@code staleTtl} and served, marked stale, while the
 * upstream cannot answer; without one the {@link UpstreamUnavailableException} (503 + Retry-After) stands;</li>
 * <li>a warm batch is <b>one MGET</b> (value and freshness marker of every key).</li>
 * </ul>
 * Redis down: every instance loads for itself (never an error). Keys:
 * {@code <prefix>:doc:<kind>:<id>} (+ {@code :fresh}, {@code :lease}) and {@code <prefix>:doc:<kind>:last:<id>}.
 */
public class CachedDocuments {

    private static final Logger log = LoggerFactory.getLogger(CachedDocuments.class);
    private static final byte[] FAILED = "FAILED".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRESH = "1".getBytes(StandardCharsets.US_ASCII);

    /**
     * One kind of document.
     *
     * @param name             part of every key; carries a version, so a changed shape never reads old entries
     * @param freshFor         served without a reload this long
     * @param revalidateWindow then served this much longer while it is reloaded behind
     */
    public record Kind<T>(String name, Class<T> type, Duration freshFor, Duration revalidateWindow) {
    }

    /** A batch: the values served (fresh or stale) and the ids whose upstream could not answer in time. */
    public record Batch<T>(Map<String, CachedValue<T>> values, Map<String, UpstreamUnavailableException> unavailable) {
    }

    private final RedisStore store;
    private final CacheProperties properties;
    private final CacheProperties.SingleFlight singleFlight;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String keyBase;
    private final String leaseToken = UUID.randomUUID().toString();

    CachedDocuments(RedisStore store, CacheProperties properties, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.properties = properties;
        this.singleFlight = properties.singleFlight();
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.keyBase = properties.keyPrefix() + ":doc:";
    }

    /**
     * The document, from Redis or {@code loader} (once across instances); the last good one marked stale when
     * the loader cannot answer.
     *
     * @throws UpstreamUnavailableException when the loader cannot answer and nothing was ever cached
     */
    public <T> CachedValue<T> get(Kind<T> kind, String id, Function<String, T> loader) {
        Batch<T> batch = getAll(kind, List.of(id), loader, 1, null);
        UpstreamUnavailableException failure = batch.unavailable().get(id);
        if (failure != null) {
            throw failure;
        }
        return batch.values().get(id);
    }

    /**
     * Documents of many ids: one MGET for all of them; the misses are loaded (single-flight) at most
     * {@code parallelism} at a time. With a {@code budget}, ids not loaded by then are reported unavailable
     * (their loads go on and fill the cache for the next call); without one, the call waits for every load.
     */
    public <T> Batch<T> getAll(Kind<T> kind, List<String> ids, Function<String, T> loader, int parallelism,
                               Duration budget) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        List<String> keys = new ArrayList<>(unique.size() * 2);
        unique.forEach(id -> {
            keys.add(key(kind, id));
            keys.add(key(kind, id) + ":fresh");
        });
        List<byte[]> cached = store.getAll(keys);
        Map<String, CachedValue<T>> values = new LinkedHashMap<>();
        Map<String, UpstreamUnavailableException> unavailable = new LinkedHashMap<>();
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < unique.size(); i++) {
            String id = unique.get(i);
            T value = decode(kind, cached.get(2 * i));
            if (value == null) {
                misses.add(id);
                continue;
            }
            values.put(id, new CachedValue<>(value, false));
            if (cached.get(2 * i + 1) == null) {
                revalidateBehind(kind, id, loader);
            }
        }
        meters.counter("stockradar.cache.requests", "kind", kind.name(), "result", "hit")
                .increment(unique.size() - misses.size());
        meters.counter("stockradar.cache.requests", "kind", kind.name(), "result", "miss").increment(misses.size());
        if (misses.isEmpty()) {
            return new Batch<>(values, unavailable);
        }
        if (misses.size() == 1 && budget == null) {
            String id = misses.getFirst();
            try {
                values.put(id, loadOnce(kind, id, loader));
            } catch (UpstreamUnavailableException e) {
                unavailable.put(id, e);
            }
            return new Batch<>(ordered(unique, values), unavailable);
        }
        Semaphore permits = new Semaphore(Math.max(1, parallelism));
        Map<String, CompletableFuture<CachedValue<T>>> loads = new LinkedHashMap<>();
        for (String id : misses) {
            CompletableFuture<CachedValue<T>> load = new CompletableFuture<>();
            loads.put(id, load);
            Thread.ofVirtual().name("doc-load-" + kind.name() + "-" + id).start(() -> {
                try {
                    permits.acquire();
                    try {
                        load.complete(loadOnce(kind, id, loader));
                    } finally {
                        permits.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    load.completeExceptionally(e);
                } catch (RuntimeException e) {
                    load.completeExceptionally(e);
                }
            });
        }
        Instant until = budget == null ? null : clock.instant().plus(budget);
        for (Map.Entry<String, CompletableFuture<CachedValue<T>>> load : loads.entrySet()) {
            try {
                values.put(load.getKey(), until == null ? load.getValue().get()
                        : load.getValue().get(Math.max(0, Duration.between(clock.instant(), until).toMillis()),
                        TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                unavailable.put(load.getKey(), new UpstreamUnavailableException(kind.name(),
                        "Still loading from upstream after " + budget + "; ask again shortly", properties.retryAfter()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamUnavailableException(kind.name(), "Interrupted", properties.retryAfter());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UpstreamUnavailableException u) {
                    unavailable.put(load.getKey(), u);
                } else if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                } else {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        return new Batch<>(ordered(unique, values), unavailable);
    }

    private static <T> Map<String, CachedValue<T>> ordered(List<String> ids, Map<String, CachedValue<T>> values) {
        Map<String, CachedValue<T>> ordered = new LinkedHashMap<>();
        ids.forEach(id -> {
            if (values.containsKey(id)) {
                ordered.put(id, values.get(id));
            }
        });
        return ordered;
    }

    /** Single-flight of one key across instances; the protocol of {@code CachedMarketData}'s quotes. */
    private <T> CachedValue<T> loadOnce(Kind<T> kind, String id, Function<String, T> loader) {
        String key = key(kind, id);
        String lease = key + ":lease";
        Instant giveUpAt = clock.instant().plus(singleFlight.maxWait());
        while (true) {
            if (!store.lease(List.of(lease), leaseToken, singleFlight.leaseTtl()).isEmpty()) {
                // The previous holder may have written the value and dropped its lease since our first read.
                T written = decode(kind, store.getAll(List.of(key)).getFirst());
                if (written != null) {
                    store.delete(List.of(lease));
                    coalesced(kind);
                    return new CachedValue<>(written, false);
                }
                try {
                    T value = load(kind, id, loader);
                    store.delete(List.of(lease));
                    return new CachedValue<>(value, false);
                } catch (UpstreamUnavailableException e) {
                    // Waiters answer from the last good value (or fail) now, instead of each retrying upstream.
                    store.putAll(Map.of(lease, FAILED), singleFlight.emptyTtl());
                    return lastGood(kind, id, e);
                } catch (RuntimeException e) {
                    store.delete(List.of(lease));
                    throw e;
                }
            }
            if (!clock.instant().isBefore(giveUpAt) || !sleep(singleFlight.pollInterval())) {
                try {
                    return new CachedValue<>(load(kind, id, loader), false);
                } catch (UpstreamUnavailableException e) {
                    return lastGood(kind, id, e);
                }
            }
            List<byte[]> polled = store.getAll(List.of(key, lease));
            T value = decode(kind, polled.get(0));
            if (value != null) {
                coalesced(kind);
                return new CachedValue<>(value, false);
            }
            if (polled.get(1) != null && Arrays.equals(polled.get(1), FAILED)) {
                coalesced(kind);
                return lastGood(kind, id, new UpstreamUnavailableException(kind.name(),
                        "The upstream could not answer another instance just now", singleFlight.emptyTtl()));
            }
        }
    }

    /** Calls the loader and writes the value, its freshness marker and the last good copy. */
    private <T> T load(Kind<T> kind, String id, Function<String, T> loader) {
        T value = loader.apply(id);
        byte[] bytes = json.writeValueAsBytes(value);
        String key = key(kind, id);
        // The marker first: a reader never sees the new value without it and starts a second reload behind.
        store.putAll(Map.of(key + ":fresh", FRESH), kind.freshFor());
        store.putAll(Map.of(key, bytes), kind.freshFor().plus(kind.revalidateWindow()));
        store.putAll(Map.of(lastKey(kind, id), bytes), properties.staleTtl());
        return value;
    }

    private <T> CachedValue<T> lastGood(Kind<T> kind, String id, UpstreamUnavailableException failure) {
        T last = decode(kind, store.getAll(List.of(lastKey(kind, id))).getFirst());
        if (last == null) {
            throw failure;
        }
        meters.counter("stockradar.cache.stale.served", "kind", kind.name()).increment();
        log.debug("Upstream unavailable ({}); serving the last good {} of {}", failure.getMessage(), kind.name(), id);
        return new CachedValue<>(last, true);
    }

    /** Stale-while-revalidate: the lease holder reloads behind; everybody keeps getting the cached value. */
    private <T> void revalidateBehind(Kind<T> kind, String id, Function<String, T> loader) {
        String lease = key(kind, id) + ":lease";
        if (store.lease(List.of(lease), leaseToken, singleFlight.leaseTtl()).isEmpty()) {
            return; // someone is reloading it
        }
        if (store.getAll(List.of(key(kind, id) + ":fresh")).getFirst() != null) {
            store.delete(List.of(lease)); // reloaded (and its lease dropped) since our read
            return;
        }
        Thread.ofVirtual().name("doc-revalidate-" + kind.name() + "-" + id).start(() -> {
            try {
                load(kind, id, loader);
                meters.counter("stockradar.cache.revalidated", "kind", kind.name()).increment();
            } catch (RuntimeException e) {
                log.debug("Revalidating {} of {} failed ({}); the cached one stays", kind.name(), id, e.getMessage());
            } finally {
                store.delete(List.of(lease));
            }
        });
    }

    private void coalesced(Kind<?> kind) {
        meters.counter("stockradar.cache.single.flight.coalesced", "kind", kind.name()).increment();
    }

    private <T> T decode(Kind<T> kind, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.readValue(bytes, kind.type());
        } catch (JacksonException e) {
            log.warn("Ignoring an unreadable cached {}: {}", kind.name(), e.getMessage());
            return null;
        }
    }

    private String key(Kind<?> kind, String id) {
        return keyBase + kind.name() + ":" + id;
    }

    private String lastKey(Kind<?> kind, String id) {
        return keyBase + kind.name() + ":last:" + id;
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
}
