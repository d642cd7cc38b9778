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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The DART budget shared by every instance: one atomic Lua script in Redis, on Redis's own clock ({@code TIME},
 * so instance clocks do not matter), hands out permit slots and counts the day. Two bounds hold on the slots,
 * each enough on its own (see {@link DartProperties.Limits}): GCRA spacing of {@code 1/perSecond} with no
 * burst, and a sliding log (a sorted set of the last {@code budgetPerSecond} slots) that gives a slot only if it
 * is at least one {@code window} (1 s + guard) after the {@code budgetPerSecond}-th latest. Callers reserve the
 * next free slot and sleep until it: they wait in line instead of failing. A slot is reserved at most
 * {@code reserveAhead} in advance; a caller further back sleeps and asks again, until its deadline.
 * <p>
 * A caller goes at or after its slot (it sleeps the wait Redis computed, from when the answer arrived) and
 * at most {@code maxLateness} after it, measured conservatively from when it asked (Redis's clock read lies
 * between asking and the answer). A caller that would be later (GC, an overloaded host, a slow Redis answer)
 * drops the permit, which stays counted, and asks again. So requests leave in a 1-s window only from
 * slots in a span of 1 s + maxLateness ≤ window: at most {@code budgetPerSecond}.
 * <p>
 * When Redis fails, each instance falls back to a {@link LocalRateLimiter} holding it to
 * {@code budgetPerSecond / instances} per window, after a cool-down longer than any slot Redis may still have
 * handed out plus one window; when Redis is back the first script call pushes the shared schedule past the
 * local permits other instances may still give. So no window mixes shared and local permits, and the total
 * stays within the budget across the switch both ways.
 */
final class RedisRateLimiter implements DartRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

    /**
     * KEYS: schedule (theoretical arrival time, µs), day counter, sorted set of recent slots (µs).
     * ARGV: interval µs, max reservation µs, per-day limit, day-key TTL s, cool-down µs (0 normally),
     * slots per window, window µs. Returns {1, wait µs} for a reserved slot, {-1, wait µs} when the slot is
     * further than the caller may reserve, {-2, 0} when the day is spent.
     */
    static final RedisScript<List> SCRIPT = RedisScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local budget = tonumber(ARGV[6])
            local window = tonumber(ARGV[7])
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            local cooldown = tonumber(ARGV[5])
            if cooldown > 0 and tat < now + cooldown then tat = now + cooldown end
            if tat < now then tat = now end
            if redis.call('ZCARD', KEYS[3]) >= budget then
              local oldest = redis.call('ZRANGE', KEYS[3], -budget, -budget, 'WITHSCORES')
              local earliest = tonumber(oldest[2]) + window
              if tat < earliest then tat = earliest end
            end
            local wait = tat - now
            if wait > tonumber(ARGV[2]) then
              if cooldown > 0 then redis.call('SET', KEYS[1], tat, 'PX', math.floor(wait / 1000) + 1000) end
              return {-1, wait}
            end
            local used = tonumber(redis.call('GET', KEYS[2]) or '0')
            if used >= tonumber(ARGV[3]) then return {-2, 0} end
            redis.call('INCR', KEYS[2])
            if used == 0 then redis.call('EXPIRE', KEYS[2], tonumber(ARGV[4])) end
            redis.call('ZADD', KEYS[3], tat, tat)
            redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(budget + 1))
            redis.call('PEXPIRE', KEYS[3], math.floor((wait + window) / 1000) + 1000)
            redis.call('SET', KEYS[1], tat + interval, 'PX', math.floor((wait + interval) / 1000) + 1000)
            return {1, wait}
            """, List.class);

    /** Sleeps, false when interrupted (a seam for tests). */
    interface Sleeper {
        boolean sleep(Duration duration);
    }

    private final StringRedisTemplate redis;
    private final DartProperties.Limits limits;
    private final Duration reserveAhead;
    private final Duration redisRetry;
    private final long maxLatenessNanos;
    private final LocalRateLimiter local;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicReference<Instant> skipRedisUntil = new AtomicReference<>(Instant.MIN);
    private final AtomicBoolean onLocal = new AtomicBoolean();
    private final AtomicLong droppedLate = new AtomicLong();

    RedisRateLimiter(StringRedisTemplate redis, DartProperties.Limits limits, Duration reserveAhead,
                     Duration redisRetry, Clock clock) {
        this(redis, limits, reserveAhead, redisRetry, clock, Backoff::sleep);
    }

    RedisRateLimiter(StringRedisTemplate redis, DartProperties.Limits limits, Duration reserveAhead,
                     Duration redisRetry, Clock clock, Sleeper sleeper) {
        this.redis = redis;
        this.limits = limits;
        this.reserveAhead = reserveAhead;
        this.redisRetry = redisRetry;
        this.maxLatenessNanos = limits.maxLateness().toNanos();
        this.local = new LocalRateLimiter(limits.localInterval(), Math.max(1, limits.perDay() / limits.instances()),
                clock);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public void acquire(Deadline deadline) {
        while (true) {
            Duration maxWait = min(deadline.remaining(), reserveAhead);
            long asked = System.nanoTime();
            LocalRateLimiter.Grant grant = redisAvailable() ? reserveInRedis(maxWait) : null;
            if (grant == null) {
                asked = System.nanoTime();
                grant = local.reserve(maxWait);
            }
            switch (grant) {
                case LocalRateLimiter.Granted granted -> {
                    sleep(granted.delay(), deadline);
                    long late = System.nanoTime() - asked - granted.delay().toNanos();
                    if (late <= maxLatenessNanos) {
                        return;
                    }
                    // Too late for the slot: going now could crowd the next window. The permit stays spent.
                    long dropped = droppedLate.incrementAndGet();
                    log.debug("DART permit dropped: {} µs after its slot (#{})", late / 1000, dropped);
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

    /** Permits given up because their caller would have gone more than max-lateness after the slot. */
    long droppedLate() {
        return droppedLate.get();
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
        // Back from local mode: push the shared schedule past the local permits other instances may still give
        // (they try Redis again within redisRetry, hold slots up to reserveAhead, go up to maxLateness late),
        // plus one window.
        long cooldown = recovering ? (switchOver().plus(redisRetry).toNanos() / 1000) : 0;
        try {
            List<?> result = redis.execute(SCRIPT, List.of(limits.keyPrefix() + ":schedule", dayKey(),
                            limits.keyPrefix() + ":slots"),
                    Long.toString(limits.intervalMicros()), Long.toString(maxWait.toNanos() / 1000),
                    Integer.toString(limits.perDay()), Long.toString(Duration.ofDays(2).toSeconds()),
                    Long.toString(cooldown), Integer.toString(limits.budgetPerSecond()),
                    Long.toString(limits.window().toNanos() / 1000));
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
            // Redis may have handed out slots up to reserveAhead ahead, used up to maxLateness late: the local
            // share starts only after they and one full window have passed, so no window mixes shared and local
            // permits. The hold comes BEFORE this failure is published (onLocal, skipRedisUntil): a concurrent
            // caller that sees either goes to the local limiter, which must already be held.
            if (!onLocal.get()) {
                local.holdFor(switchOver());
            }
            if (onLocal.compareAndSet(false, true)) {
                log.warn("Redis unavailable for the DART limiter ({}); this instance now holds itself to {} "
                        + "requests per {} ms", e.getMessage(), limits.budgetPerSecond() / limits.instances(),
                        limits.window().toMillis());
            }
            skipRedisUntil.set(clock.instant().plus(redisRetry));
            return null;
        }
    }

    /** How long slots of the other mode may still be used, plus one window. */
    private Duration switchOver() {
        return reserveAhead.plus(limits.maxLateness()).plus(limits.window());
    }

    private String dayKey() {
        return limits.keyPrefix() + ":day:" + LocalDate.now(clock.withZone(LocalRateLimiter.DART_ZONE))
                .format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private void sleep(Duration wait, Deadline deadline) {
        if (!wait.isZero() && !wait.isNegative() && !sleeper.sleep(wait)) {
            throw new UpstreamUnavailableException(DartClient.SOURCE, "Interrupted while waiting for a DART permit",
                    deadline.remaining());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
