package io.stockradar.auth.throttle;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Failure counts in Redis, shared by every instance and kept across restarts. Each operation is one Lua
 * script, so check-and-count is atomic: concurrent attempts cannot all slip through before the first is
 * counted. Key: a hash with fields {@code n} (failures in the window) and {@code until} (epoch ms before
 * which attempts wait); its TTL is the window (or the lock, if longer).
 * <p>
 * Why a script and not Bucket4j: the policy is "free failures, then exponential delay, then a lock,
 * forgotten on success" - a failure counter, not a token bucket; with Bucket4j the delay and the reset on
 * success would need extra state and round trips outside the bucket's atomicity.
 * <p>
 * The two keys of one script must live on one node: fine for a single Redis or Sentinel; a Redis
 * Cluster would need a common hash tag in the prefix (e.g. {@code {login}}).
 */
class RedisAttemptStore implements AttemptStore {

    static final String PREFIX = "stockradar:auth:login-throttle:";

    // Held as text: a script made from a Resource re-reads the resource's last-modified time on every call
    // (spring-data-redis#2128), a look-up in the nested jar for every sign-in.
    static final RedisScript<Long> ATTEMPT = script("throttle/attempt.lua");
    static final RedisScript<Long> SUCCEEDED = script("throttle/succeeded.lua");

    private final StringRedisTemplate redis;
    private final LoginThrottleProperties properties;

    RedisAttemptStore(StringRedisTemplate redis, LoginThrottleProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    private static RedisScript<Long> script(String path) {
        try {
            return RedisScript.of(new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8), Long.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Login throttle script " + path + " is missing", e);
        }
    }

    @Override
    public long attempt(String account, String ip, long nowMillis) {
        LoginThrottleProperties.Policy a = properties.account();
        LoginThrottleProperties.Policy i = properties.ip();
        Long wait = redis.execute(ATTEMPT, keys(account, ip),
                Long.toString(nowMillis), Long.toString(properties.window().toMillis()),
                Integer.toString(a.freeFailures()), Long.toString(a.baseDelay().toMillis()),
                Long.toString(a.maxDelay().toMillis()), Integer.toString(a.lockAfter()),
                Long.toString(a.lockDuration().toMillis()),
                Integer.toString(i.freeFailures()), Long.toString(i.baseDelay().toMillis()),
                Long.toString(i.maxDelay().toMillis()), Integer.toString(i.lockAfter()),
                Long.toString(i.lockDuration().toMillis()));
        if (wait == null) {
            throw new IllegalStateException("Redis returned no result for the login throttle script");
        }
        return wait;
    }

    @Override
    public void succeeded(String account, String ip, long nowMillis) {
        redis.execute(SUCCEEDED, keys(account, ip), Integer.toString(properties.ip().freeFailures()));
    }

    private static List<String> keys(String account, String ip) {
        return List.of(PREFIX + "account:" + account, PREFIX + "ip:" + ip);
    }
}
