package io.stockradar.agent.analysis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.agent.engine.EngineSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Analyses shared by every instance through Redis: the analysis of one symbol on the same data (the market's
 * data date and source) with the same engine settings is computed once per {@code ttl} across instances.
 * The key names all three, so new data or changed weights never serve a stale analysis.
 *
 * <p>The cache is an optimisation, never a dependency: if Redis is unreachable or a stored value cannot be
 * read, the analysis is computed (logged once per outage, not per request), and the connection timeouts
 * ({@code spring.data.redis.timeout}) bound what an outage costs a request.
 */
@Component
class AnalysisCache {

    private static final Logger log = LoggerFactory.getLogger(AnalysisCache.class);
    static final String PREFIX = "agent:analysis:v1:";

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;
    private final String settingsHash;
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;

    AnalysisCache(StringRedisTemplate redis, JsonMapper json, EngineSettings settings,
                  @Value("${stockradar.analysis.cache-ttl}") Duration ttl, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
        this.settingsHash = hash(settings.toString());
        this.hits = counter(meters, "hit");
        this.misses = counter(meters, "miss");
        this.errors = counter(meters, "error");
    }

    /** The cached analysis, or {@code compute}'s result, stored for the next caller on any instance. */
    AnalysisResponse get(String symbol, LocalDate dataAsOf, String source, Supplier<AnalysisResponse> compute) {
        return get(symbol, dataAsOf, false, source, compute);
    }

    /**
     * {@code pointInTime}: an analysis as of a past date (issue 18), its data cut after {@code dataAsOf}. Its key
     * is its own ({@code :asof}), so it never serves, nor is served, the latest analysis of a day even when the
     * dates match (the latest data of that day may differ: later adjustments, membership).
     */
    AnalysisResponse get(String symbol, LocalDate dataAsOf, boolean pointInTime, String source,
                         Supplier<AnalysisResponse> compute) {
        String key = key(symbol, dataAsOf, pointInTime, source);
        String cached = read(key);
        if (cached != null) {
            try {
                AnalysisResponse response = json.readValue(cached, AnalysisResponse.class);
                hits.increment();
                return response;
            } catch (RuntimeException e) {
                log.warn("Ignoring an unreadable cached analysis {}: {}", key, e.getMessage());
            }
        }
        misses.increment();
        AnalysisResponse response = compute.get();
        write(key, json.writeValueAsString(response));
        return response;
    }

    String key(String symbol, LocalDate dataAsOf, boolean pointInTime, String source) {
        return PREFIX + symbol + ":" + dataAsOf + ":" + source + (pointInTime ? ":asof:" : ":") + settingsHash;
    }

    private String read(String key) {
        try {
            String value = redis.opsForValue().get(key);
            up();
            return value;
        } catch (RuntimeException e) {
            down(e);
            return null;
        }
    }

    private void write(String key, String value) {
        try {
            redis.opsForValue().set(key, value, ttl);
            up();
        } catch (RuntimeException e) {
            down(e);
        }
    }

    private void down(RuntimeException e) {
        errors.increment();
        if (redisDown.compareAndSet(false, true)) {
            log.warn("Analysis cache unavailable, computing without it until Redis is back: {}", e.getMessage());
        }
    }

    private void up() {
        if (redisDown.compareAndSet(true, false)) {
            log.info("Analysis cache available again");
        }
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("stockradar.analysis.cache").tag("result", result)
                .description("Analysis cache lookups by result").register(meters);
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
