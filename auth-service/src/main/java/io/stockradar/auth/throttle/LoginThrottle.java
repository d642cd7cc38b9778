package io.stockradar.auth.throttle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Brute-force protection for sign-in (see {@link LoginThrottleProperties} for the policy). State lives in
 * Redis, so it holds across instances and restarts. If Redis fails, sign-in keeps working on an in-memory,
 * per-instance copy of the policy (fail safe rather than fail open, and rather than locking everyone out);
 * Redis is tried again after {@code redis-retry-interval}. Counts gathered in memory during an outage are
 * not carried over to Redis.
 * <p>
 * The account key is the login name as typed after normalisation, hashed (Redis never sees e-mail
 * addresses); unknown names are throttled exactly like existing ones, so a 429 tells nothing about
 * whether an account exists.
 */
@Component
public class LoginThrottle {

    public static final String LOGIN_THROTTLED = "LOGIN_THROTTLED";

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final AttemptStore redis;
    private final AttemptStore local;
    private final LoginThrottleProperties properties;
    private final Clock clock;
    private final Counter throttled;
    private final Counter fallback;
    private volatile long redisRetryAt;

    @Autowired
    LoginThrottle(StringRedisTemplate redis, LoginThrottleProperties properties, MeterRegistry meters) {
        this(new RedisAttemptStore(redis, properties), new LocalAttemptStore(properties), properties, meters,
                Clock.systemUTC());
    }

    LoginThrottle(AttemptStore redis, AttemptStore local, LoginThrottleProperties properties, MeterRegistry meters,
            Clock clock) {
        this.redis = redis;
        this.local = local;
        this.properties = properties;
        this.clock = clock;
        this.throttled = Counter.builder("stockradar.auth.login.throttled")
                .description("Sign-in attempts refused (429) because of too many failures").register(meters);
        this.fallback = Counter.builder("stockradar.auth.login.throttle.fallback")
                .description("Throttle decisions taken in memory because Redis was unavailable").register(meters);
    }

    /**
     * Counts an attempt for {@code loginKey} (the normalised login name) from {@code clientIp}; empty when
     * it may proceed, otherwise how long to wait (nothing counted then).
     */
    public Optional<Duration> tryAttempt(String loginKey, String clientIp) {
        String account = hash(loginKey);
        long now = clock.millis();
        long wait = useRedis(now) ? attemptInRedis(account, clientIp, now) : -1;
        if (wait < 0) {
            fallback.increment();
            wait = local.attempt(account, clientIp, now);
        }
        if (wait > 0) {
            throttled.increment();
            return Optional.of(Duration.ofMillis(wait));
        }
        return Optional.empty();
    }

    /** The attempt counted by {@link #tryAttempt} succeeded. */
    public void succeeded(String loginKey, String clientIp) {
        String account = hash(loginKey);
        long now = clock.millis();
        // Both: the attempt may have been counted in either store.
        local.succeeded(account, clientIp, now);
        if (useRedis(now)) {
            try {
                redis.succeeded(account, clientIp, now);
            } catch (RuntimeException e) {
                redisFailed(now, e);
            }
        }
    }

    private long attemptInRedis(String account, String clientIp, long now) {
        try {
            return redis.attempt(account, clientIp, now);
        } catch (RuntimeException e) {
            redisFailed(now, e);
            return -1;
        }
    }

    private boolean useRedis(long now) {
        return now >= redisRetryAt;
    }

    private void redisFailed(long now, RuntimeException e) {
        redisRetryAt = now + properties.redisRetryInterval().toMillis();
        log.warn("Redis unavailable for login throttling ({}); using this instance's in-memory limiter for {}",
                e.toString(), properties.redisRetryInterval());
    }

    /**
     * The 429 for a throttled attempt: the same for every login name, existing or not; only the wait differs.
     * {@code Retry-After} is in whole seconds, rounded up.
     */
    public static ApiProblem throttled(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, LOGIN_THROTTLED,
                "Too many failed sign-in attempts; try again in " + seconds + " second(s)");
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problem;
    }

    static String hash(String loginKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(loginKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
