package io.stockradar.auth.throttle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-address sign-up budget (see {@link SignupThrottleProperties}): bounds how fast one address can
 * learn which usernames and e-mail addresses are taken. One atomic Lua script per decision in Redis, like
 * {@link LoginThrottle}; if Redis fails, this instance counts in memory until the login throttle's
 * {@code redis-retry-interval} has passed. Keys live under the login throttle's prefix
 * ({@code stockradar:auth:login-throttle:signup:ip:<address>}), which auth-service's Redis user may already
 * write.
 */
@Component
public class SignupThrottle {

    public static final String SIGNUP_THROTTLED = "SIGNUP_THROTTLED";

    static final String PREFIX = RedisAttemptStore.PREFIX + "signup:ip:";

    private static final Logger log = LoggerFactory.getLogger(SignupThrottle.class);

    // Held as text, as RedisAttemptStore's scripts are (spring-data-redis#2128).
    static final RedisScript<Long> COUNT = script("throttle/signup.lua");

    private final StringRedisTemplate redis;
    private final SignupThrottleProperties properties;
    private final Duration redisRetryInterval;
    private final Clock clock;
    private final Counter throttled;
    private final Counter fallback;
    private final Map<String, long[]> local = new HashMap<>(); // address -> {count, window end}
    private volatile long redisRetryAt;

    @Autowired
    SignupThrottle(StringRedisTemplate redis, SignupThrottleProperties properties, LoginThrottleProperties login,
            MeterRegistry meters) {
        this(redis, properties, login.redisRetryInterval(), meters, Clock.systemUTC());
    }

    SignupThrottle(StringRedisTemplate redis, SignupThrottleProperties properties, Duration redisRetryInterval,
            MeterRegistry meters, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.redisRetryInterval = redisRetryInterval;
        this.clock = clock;
        this.throttled = Counter.builder("stockradar.auth.signup.throttled")
                .description("Sign-ups refused (429) because the address used up its budget").register(meters);
        this.fallback = Counter.builder("stockradar.auth.signup.throttle.fallback")
                .description("Sign-up budget decisions taken in memory because Redis was unavailable").register(meters);
    }

    /** Counts a sign-up from {@code clientIp}; empty when it may proceed, otherwise how long to wait. */
    public Optional<Duration> tryAttempt(String clientIp) {
        long now = clock.millis();
        long wait = now >= redisRetryAt ? countInRedis(clientIp, now) : -1;
        if (wait < 0) {
            fallback.increment();
            wait = countLocally(clientIp, now);
        }
        if (wait > 0) {
            throttled.increment();
            return Optional.of(Duration.ofMillis(wait));
        }
        return Optional.empty();
    }

    /** The 429 for an address over its budget; {@code Retry-After} in whole seconds, rounded up. */
    public static ApiProblem throttled(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, SIGNUP_THROTTLED,
                "Too many sign-ups from this address; try again in " + seconds + " second(s)");
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problem;
    }

    private long countInRedis(String clientIp, long now) {
        try {
            Long wait = redis.execute(COUNT, List.of(PREFIX + clientIp),
                    Integer.toString(properties.perAddress()), Long.toString(properties.window().toMillis()));
            if (wait == null) {
                throw new IllegalStateException("Redis returned no result for the sign-up throttle script");
            }
            return wait;
        } catch (RuntimeException e) {
            redisRetryAt = now + redisRetryInterval.toMillis();
            log.warn("Redis unavailable for sign-up throttling ({}); counting in this instance's memory for {}",
                    e.toString(), redisRetryInterval);
            return -1;
        }
    }

    private synchronized long countLocally(String clientIp, long now) {
        long[] entry = local.get(clientIp);
        if (entry == null || entry[1] <= now) {
            makeRoom(now);
            entry = new long[] {0, now + properties.window().toMillis()};
            local.put(clientIp, entry);
        }
        entry[0]++;
        return entry[0] <= properties.perAddress() ? 0 : Math.max(1, entry[1] - now);
    }

    private void makeRoom(long now) {
        if (local.size() < properties.localMaxEntries()) {
            return;
        }
        local.values().removeIf(entry -> entry[1] <= now);
        if (local.size() >= properties.localMaxEntries()) {
            long median = local.values().stream().mapToLong(e -> e[1]).sorted().skip(local.size() / 2)
                    .findFirst().orElse(now);
            local.values().removeIf(entry -> entry[1] <= median);
            log.warn("In-memory sign-up throttle full ({} max): dropped the older half", properties.localMaxEntries());
        }
    }

    synchronized int localSize() {
        return local.size();
    }

    private static RedisScript<Long> script(String path) {
        try {
            return RedisScript.of(new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8), Long.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Sign-up throttle script " + path + " is missing", e);
        }
    }
}
