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
import java.util.UUID;

/**
 * Brute-force protection for sign-in (see {@link LoginThrottleProperties} for the policy). State lives in
 * Redis, so it holds across instances and restarts. If Redis fails, sign-in keeps working on an in-memory,
 * per-instance copy of the policy (fail safe rather than fail open, and rather than locking everyone out);
 * Redis is tried again after {@code redis-retry-interval}. Counts gathered in memory during an outage are
 * not carried over to Redis.
 * <p>
 * The account key names the account, not the login name typed: {@link #accountKey} (its id) whether the
 * username or the e-mail address was used, so alternating the two gives no extra guesses. A name that
 * names no account is counted under {@link #unknownNameKey} (its normalised spelling) by exactly the same
 * policy, so a 429 and its timing tell nothing about whether an account exists. Keys are hashed before
 * they reach a store (Redis never sees e-mail addresses).
 * <p>
 * What remains observable: an attacker who already knows an existing account's username and guesses its
 * e-mail address can tell, by where the lock comes, whether the two count together; finding that out costs
 * them the lock-after failures on that account (a lock its owner sees).
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

    /** The key an existing account's attempts count under, however its owner signs in. */
    public static String accountKey(UUID accountId) {
        return "account:" + accountId;
    }

    /**
     * The key attempts at a login name that names no account count under: its normalised spelling
     * ({@code loginKey}); cannot collide with an {@link #accountKey}.
     */
    public static String unknownNameKey(String loginKey) {
        return "name:" + loginKey;
    }

    /**
     * Counts an attempt against {@code accountKey} ({@link #accountKey} or {@link #unknownNameKey}) from
     * {@code clientIp}; empty when it may proceed, otherwise how long to wait (nothing counted then).
     */
    public Optional<Duration> tryAttempt(String accountKey, String clientIp) {
        String account = hash(accountKey);
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
    public void succeeded(String accountKey, String clientIp) {
        String account = hash(accountKey);
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

    static String hash(String accountKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accountKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
