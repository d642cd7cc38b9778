package io.stockradar.auth.throttle;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Falling back to memory while Redis fails, and going back to Redis after the retry interval. */
class LoginThrottleTest {

    private final AtomicBoolean redisUp = new AtomicBoolean(true);
    private final AtomicInteger redisCalls = new AtomicInteger();
    private final AttemptStore redis = new AttemptStore() {
        @Override
        public long attempt(String account, String ip, long now) {
            redisCalls.incrementAndGet();
            if (!redisUp.get()) {
                throw new RedisConnectionFailureException("down");
            }
            return 0;
        }

        @Override
        public void succeeded(String account, String ip, long now) {
        }
    };

    private Instant now = Instant.parse("2026-11-26T06:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LoginThrottle throttle = new LoginThrottle(redis, new LocalAttemptStore(AttemptStoresTest.PROPERTIES),
            AttemptStoresTest.PROPERTIES, meters, clock);

    @Test
    void redisDecidesWhileItIsUp() {
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.tryAttempt("alice", "192.0.2.1")).isEmpty();
        }
        assertThat(redisCalls).hasValue(20);
        assertThat(meters.counter("stockradar.auth.login.throttle.fallback").count()).isZero();
    }

    @Test
    void whileRedisIsDownTheInMemoryLimiterThrottlesAndRedisIsRetriedLater() {
        redisUp.set(false);

        for (int i = 0; i < 4; i++) {
            assertThat(throttle.tryAttempt("alice", "192.0.2.1")).as("attempt %s", i + 1).isEmpty();
        }
        assertThat(throttle.tryAttempt("alice", "192.0.2.1")).as("in-memory policy: 4th failure delays 1 s")
                .contains(Duration.ofSeconds(1));
        assertThat(redisCalls).as("Redis not asked again within the retry interval").hasValue(1);
        assertThat(meters.counter("stockradar.auth.login.throttle.fallback").count()).isEqualTo(5);
        assertThat(meters.counter("stockradar.auth.login.throttled").count()).isEqualTo(1);

        redisUp.set(true);
        now = now.plus(AttemptStoresTest.PROPERTIES.redisRetryInterval());

        assertThat(throttle.tryAttempt("bob", "192.0.2.2")).isEmpty();
        assertThat(redisCalls).as("Redis is back in charge").hasValue(2);
    }
}
