package io.stockradar.marketdata.cache;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.types.Expiration;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Redis side of the cache: one MGET for any number of keys, one pipeline for any number of writes.
 * Redis is an optimisation, never a dependency of a read: every failure is logged (once per outage),
 * counted, and answered as "miss"; for {@code retryAfter} afterwards Redis is not even tried. A failed write
 * pipeline is only logged and counted: it says little about reads (a CPU-starved instance timing out a large
 * pipeline, a Redis at maxmemory refusing writes), and skipping Redis for reads after it sent every request of
 * the next {@code retryAfter} to the provider, which made the starvation worse (issue 16).
 */
class RedisStore {

    private static final Logger log = LoggerFactory.getLogger(RedisStore.class);

    private final RedisTemplate<String, byte[]> redis;
    private final Duration retryAfter;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicReference<Instant> skipUntil = new AtomicReference<>(Instant.MIN);
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicReference<Instant> nextWriteWarning = new AtomicReference<>(Instant.MIN);

    RedisStore(RedisTemplate<String, byte[]> redis, Duration retryAfter, Clock clock, MeterRegistry meters) {
        this.redis = redis;
        this.retryAfter = retryAfter;
        this.clock = clock;
        this.meters = meters;
    }

    /** Values in key order, null for a miss; all null when Redis is unavailable. */
    List<byte[]> getAll(List<String> keys) {
        List<byte[]> misses = Arrays.asList(new byte[keys.size()][]);
        if (keys.isEmpty() || skipping()) {
            return misses;
        }
        try {
            byte[][] raw = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            List<byte[]> values = redis.execute((RedisCallback<List<byte[]>>) c -> c.stringCommands().mGet(raw));
            recovered();
            return values == null ? misses : values;
        } catch (DataAccessException | IllegalStateException e) {
            failed("MGET", e);
            return misses;
        }
    }

    /** Writes every entry with the given TTL in one pipelined round trip. */
    void putAll(Map<String, byte[]> entries, Duration ttl) {
        if (entries.isEmpty() || skipping()) {
            return;
        }
        try {
            List<Map.Entry<String, byte[]>> list = new ArrayList<>(entries.entrySet());
            Expiration expiration = Expiration.from(ttl);
            redis.executePipelined((RedisCallback<Object>) c -> {
                for (Map.Entry<String, byte[]> e : list) {
                    c.stringCommands().set(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue(), expiration,
                            SetOption.upsert());
                }
                return null;
            });
            recovered();
        } catch (DataAccessException | IllegalStateException e) {
            writeFailed("SET pipeline", entries.size(), e);
        }
    }

    boolean available() {
        return !down.get();
    }

    private boolean skipping() {
        return clock.instant().isBefore(skipUntil.get());
    }

    private void failed(String operation, RuntimeException e) {
        skipUntil.set(clock.instant().plus(retryAfter));
        meters.counter("stockradar.cache.errors", "operation", operation).increment();
        if (down.compareAndSet(false, true)) {
            log.warn("Redis unavailable ({}: {}); serving market data without the cache, retrying every {}",
                    operation, e.getMessage(), retryAfter);
        }
    }

    /** Counted and logged (at most once per {@code retryAfter}); reads go on using Redis. */
    private void writeFailed(String operation, int entries, RuntimeException e) {
        meters.counter("stockradar.cache.errors", "operation", operation).increment();
        Instant now = clock.instant();
        Instant next = nextWriteWarning.get();
        if (!now.isBefore(next) && nextWriteWarning.compareAndSet(next, now.plus(retryAfter))) {
            log.warn("Redis {} of {} entries failed ({}); those entries stay uncached, reads keep using Redis",
                    operation, entries, e.getMessage());
        }
    }

    private void recovered() {
        if (down.compareAndSet(true, false)) {
            log.info("Redis is reachable again; market data cache resumed");
        }
    }

    /**
     * Takes the leases that are free ({@code SET key token NX PX ttl}, one pipeline).
     *
     * @return the indexes of the keys now leased by the caller; all of them when Redis is unavailable (then
     *         nobody can coordinate and every instance loads for itself)
     */
    List<Integer> lease(List<String> keys, String token, Duration ttl) {
        List<Integer> all = java.util.stream.IntStream.range(0, keys.size()).boxed().toList();
        if (keys.isEmpty() || skipping()) {
            return all;
        }
        try {
            byte[] value = token.getBytes(StandardCharsets.UTF_8);
            Expiration expiration = Expiration.from(ttl);
            List<Object> results = redis.executePipelined((RedisCallback<Object>) c -> {
                for (String key : keys) {
                    c.stringCommands().set(key.getBytes(StandardCharsets.UTF_8), value, expiration,
                            SetOption.ifAbsent());
                }
                return null;
            });
            recovered();
            List<Integer> acquired = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if (Boolean.TRUE.equals(results.get(i))) {
                    acquired.add(i);
                }
            }
            return acquired;
        } catch (DataAccessException | IllegalStateException e) {
            failed("SET NX pipeline", e);
            return all;
        }
    }

    void delete(List<String> keys) {
        if (keys.isEmpty() || skipping()) {
            return;
        }
        try {
            redis.delete(keys);
            recovered();
        } catch (DataAccessException | IllegalStateException e) {
            failed("DEL", e);
        }
    }
}
