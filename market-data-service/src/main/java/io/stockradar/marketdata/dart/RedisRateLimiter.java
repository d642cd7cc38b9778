package io.stockradar.marketdata.dart;

import io.stockradar.marketdata.provider.UpstreamUnavailableException;
import io.stockradar.marketdata.upstream.Backoff;
import io.stockradar.marketdata.upstream.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The DART budget shared by every instance: one atomic Lua script in Redis runs GCRA on Redis's own clock
 * ({@code TIME}, so instance clocks do not matter) and counts the day. Callers reserve the next free slot
 * and sleep until it: they wait in line instead of failing. A slot is reserved at most {@code reserveAhead}
 * in advance; a caller further back sleeps and asks again, until its deadline.
 * <p>
 * When Redis fails, each instance falls back to a {@link LocalRateLimiter} holding it to
 * {@code 1/instances} of the budget, after a cool-down longer than any slot Redis may still have handed
 * out; when Redis is back the first script call pushes the shared schedule past the local permits still
 * in flight. So the total stays within the budget across the switch both ways.
 */
final class RedisRateLimiter implements DartRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final Duration WINDOW = Duration.ofSeconds(1);

    /**
     * KEYS: schedule (theoretical arrival time, µs), day counter. ARGV: interval µs, max reservation µs,
     * per-day limit, day-key TTL s, cool-down µs (0 normally). Returns {1, wait µs} for a reserved slot,
     * {-1, wait µs} when the slot is further than the caller may reserve, {-2, 0} when the day is spent.
     */
    static final RedisScript<List> SCRIPT = RedisScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            local cooldown = tonumber(ARGV[5])
            if cooldown > 0 and tat < now + cooldown then tat = now + cooldown end
            if tat < now then tat = now end
            local wait = tat - now
            if wait > tonumber(ARGV[2]) then
              if cooldown > 0 then redis.call('SET', KEYS[1], tat, 'PX', math.floor(wait / 1000) + 1000) end
              return {-1, wait}
            end
            local used = tonumber(redis.call('GET', KEYS[2]) or '0')
            if used >= tonumber(ARGV[3]) then return {-2, 0} end
            redis.call('INCR', KEYS[2])
            if used == 0 then redis.call('EXPIRE', KEYS[2], tonumber(ARGV[4])) end
            redis.call('SET', KEYS[1], tat + interval, 'PX', math.floor((wait + interval) / 1000) + 1000)
            return {1, wait}
            """, List.class);

    private final StringRedisTemplate redis;
    private final DartProperties.Limits limits;
    private final Duration reserveAhead;
    private final Duration redisRetry;
    private final long intervalMicros;
    private final LocalRateLimiter local;
    private final Clock clock;
    private final AtomicReference<Instant> skipRedisUntil = new AtomicReference<>(Instant.MIN);
    private final AtomicBoolean onLocal = new AtomicBoolean();

    RedisRateLimiter(StringRedisTemplate redis, DartProperties.Limits limits, Duration reserveAhead,
                     Duration redisRetry, Clock clock) {
        this.redis = redis;
        this.limits = limits;
        this.reserveAhead = reserveAhead;
        this.redisRetry = redisRetry;
        this.intervalMicros = Math.round(1_000_000 / limits.perSecond());
        this.local = new LocalRateLimiter(limits.perSecond() / limits.instances(),
                Math.max(1, limits.perDay() / limits.instances()), clock);
        this.clock = clock;
    }

    @Override
    public void acquire(Deadline deadline) {
        while (true) {
            Duration maxWait = min(deadline.remaining(), reserveAhead);
            LocalRateLimiter.Grant grant = redisAvailable() ? reserveInRedis(maxWait) : null;
            if (grant == null) {
                grant = local.reserve(maxWait);
            }
            switch (grant) {
                case LocalRateLimiter.Granted granted -> {
                    sleep(granted.delay(), deadline);
                    return;
                }
                case LocalRateLimiter.DayExhausted exhausted -> throw new UpstreamUnavailableException(
                        DartClient.SOURCE, "The daily OpenDART budget of " + limits.perDay()
                        + " requests is spent", exhausted.untilTomorrow());
                case LocalRateLimiter.TooFar tooFar -> {
                    Duration remaining = deadline.remaining();
                    if (tooFar.delay().compareTo(remaining) >= 0) {
                        throw new UpstreamUnavailableException(DartClient.SOURCE,
                                "OpenDART requests are queued beyond this request's deadline", tooFar.delay());
                    }
                    // Come back when our slot would be within reach.
                    sleep(min(tooFar.delay().minus(reserveAhead).plusMillis(1), remaining), deadline);
                }
            }
        }
    }

    /** True while this instance uses the shared (Redis) schedule. */
    boolean shared() {
        return !onLocal.get();
    }

    private boolean redisAvailable() {
        return !clock.instant().isBefore(skipRedisUntil.get());
    }

    private LocalRateLimiter.Grant reserveInRedis(Duration maxWait) {
        boolean recovering = onLocal.get();
        // Back from local mode: push the shared schedule past the local permits other instances may still give.
        long cooldown = recovering ? (WINDOW.plus(redisRetry).toNanos() / 1000) : 0;
        try {
            List<?> result = redis.execute(SCRIPT, List.of(limits.keyPrefix() + ":schedule", dayKey()),
                    Long.toString(intervalMicros), Long.toString(maxWait.toNanos() / 1000),
                    Integer.toString(limits.perDay()), Long.toString(Duration.ofDays(2).toSeconds()),
                    Long.toString(cooldown));
            if (result == null || result.size() < 2) {
                throw new IllegalStateException("Unexpected limiter script result " + result);
            }
            if (onLocal.compareAndSet(true, false)) {
                log.info("Redis is back: OpenDART requests use the shared budget again");
            }
            long code = ((Number) result.get(0)).longValue();
            Duration wait = Duration.ofNanos(((Number) result.get(1)).longValue() * 1000);
            if (code == 1) {
                return new LocalRateLimiter.Granted(wait);
            }
            if (code == -2) {
                return new LocalRateLimiter.DayExhausted(local.untilTomorrow());
            }
            return new LocalRateLimiter.TooFar(wait);
        } catch (DataAccessException | IllegalStateException e) {
            skipRedisUntil.set(clock.instant().plus(redisRetry));
            if (onLocal.compareAndSet(false, true)) {
                // Redis may have handed out slots up to reserveAhead ahead: start only after they and one
                // full window have passed, so no 1-s window mixes shared and local permits.
                local.holdFor(reserveAhead.plus(WINDOW));
                log.warn("Redis unavailable for the DART limiter ({}); this instance now holds itself to 1/{} "
                        + "of the budget", e.getMessage(), limits.instances());
            }
            return null;
        }
    }

    private String dayKey() {
        return limits.keyPrefix() + ":day:" + LocalDate.now(clock.withZone(LocalRateLimiter.DART_ZONE))
                .format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static void sleep(Duration wait, Deadline deadline) {
        if (!wait.isZero() && !Backoff.sleep(wait)) {
            throw new UpstreamUnavailableException(DartClient.SOURCE, "Interrupted while waiting for a DART permit",
                    deadline.remaining());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
