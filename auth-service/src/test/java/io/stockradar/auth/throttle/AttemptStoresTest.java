package io.stockradar.auth.throttle;

import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scripting.support.StaticScriptSource;
import org.springframework.test.util.ReflectionTestUtils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy, step by step on a controlled clock, for both stores: the Lua script in a real Redis and
 * the in-memory fallback must decide alike.
 */
class AttemptStoresTest {

    /** 3 free failures, then 1 s, 2 s (capped at 3 s), lock for 60 s at the 6th; IP: 5 free, lock at 8. */
    static final LoginThrottleProperties PROPERTIES = new LoginThrottleProperties(Duration.ofHours(1),
            new LoginThrottleProperties.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(3), 6, Duration.ofSeconds(60)),
            new LoginThrottleProperties.Policy(5, Duration.ofSeconds(1), Duration.ofSeconds(3), 8, Duration.ofSeconds(60)),
            Duration.ofSeconds(5), 100_000);

    private static LettuceConnectionFactory connectionFactory;
    private static StringRedisTemplate redis;

    @BeforeAll
    static void connect() {
        var server = SharedInfrastructure.redis();
        connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(server.host(), server.port()));
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
        redis = new StringRedisTemplate(connectionFactory);
    }

    @AfterAll
    static void disconnect() {
        connectionFactory.destroy();
    }

    static Stream<String> stores() {
        return Stream.of("redis", "local");
    }

    private static AttemptStore store(String kind) {
        return kind.equals("redis") ? new RedisAttemptStore(redis, PROPERTIES) : new LocalAttemptStore(PROPERTIES);
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }

    /**
     * The scripts are held as text: made from a class-path Resource, each call would first ask the nested jar for
     * the file's last-modified time (spring-data-redis#2128).
     */
    @Test
    void theScriptsAreTheBundledFilesHeldAsText() throws Exception {
        for (var script : Map.of("throttle/attempt.lua", RedisAttemptStore.ATTEMPT,
                "throttle/succeeded.lua", RedisAttemptStore.SUCCEEDED).entrySet()) {
            assertThat(script.getValue().getScriptAsString())
                    .isEqualTo(new ClassPathResource(script.getKey()).getContentAsString(StandardCharsets.UTF_8));
            assertThat(ReflectionTestUtils.getField(script.getValue(), "scriptSource")).isInstanceOf(StaticScriptSource.class);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void freeFailuresThenExponentialDelayThenLock(String kind) {
        AttemptStore store = store(kind);
        String account = unique();
        String ip = unique();
        long t = 1_000_000_000L;

        for (int i = 0; i < 3; i++) {
            assertThat(store.attempt(account, ip, t)).as("free failure %s", i + 1).isZero();
        }
        assertThat(store.attempt(account, ip, t)).as("4th attempt proceeds, sets a 1 s delay").isZero();
        assertThat(store.attempt(account, ip, t + 400)).as("too early").isEqualTo(600);
        assertThat(store.attempt(account, ip, t + 1000)).as("5th after the delay").isZero();
        assertThat(store.attempt(account, ip, t + 2999)).isEqualTo(1);
        assertThat(store.attempt(account, ip, t + 3000)).as("6th: locks").isZero();
        assertThat(store.attempt(account, ip, t + 3000)).isEqualTo(60_000);
        assertThat(store.attempt(account, ip, t + 62_999)).isEqualTo(1);
        assertThat(store.attempt(account, ip, t + 63_000)).as("lock over: one more try").isZero();
        assertThat(store.attempt(account, ip, t + 63_001)).as("7th failure locks again").isEqualTo(59_999);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void delayIsCappedAtMaxDelay(String kind) {
        LoginThrottleProperties.Policy policy = new LoginThrottleProperties.Policy(3, Duration.ofSeconds(1),
                Duration.ofSeconds(3), 10, Duration.ofMinutes(15));
        assertThat(policy.delayMillis(3)).isZero();
        assertThat(policy.delayMillis(4)).isEqualTo(1000);
        assertThat(policy.delayMillis(5)).isEqualTo(2000);
        assertThat(policy.delayMillis(6)).isEqualTo(3000);
        assertThat(policy.delayMillis(9)).isEqualTo(3000);
        assertThat(policy.delayMillis(10)).isEqualTo(900_000);
        assertThat(policy.delayMillis(1_000_000)).isEqualTo(900_000);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void successForgetsTheAccountsFailures(String kind) {
        AttemptStore store = store(kind);
        String account = unique();
        String ip = unique();
        long t = 2_000_000_000L;
        for (int i = 0; i < 4; i++) {
            store.attempt(account, ip, t);
        }
        assertThat(store.attempt(account, ip, t)).as("delayed").isPositive();

        store.succeeded(account, ip, t);

        // 3 new free failures for the account; the IP, at 3 of its 5, is not delayed either
        for (int i = 0; i < 3; i++) {
            assertThat(store.attempt(account, ip, t)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void oneIpTryingManyNamesIsThrottledToo(String kind) {
        AttemptStore store = store(kind);
        String ip = unique();
        long t = 3_000_000_000L;
        for (int i = 0; i < 6; i++) {
            assertThat(store.attempt(unique(), ip, t)).as("name %s", i).isZero();
        }
        assertThat(store.attempt(unique(), ip, t)).as("a fresh name from the same IP waits").isEqualTo(1000);
        assertThat(store.attempt(unique(), unique(), t)).as("another IP does not").isZero();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void failuresAreForgottenAfterTheWindow(String kind) {
        AttemptStore store = store(kind);
        String account = unique();
        String ip = unique();
        long t = 4_000_000_000L;
        for (int i = 0; i < 4; i++) {
            store.attempt(account, ip, t);
        }
        assertThat(store.attempt(account, ip, t)).isPositive();
        if (kind.equals("redis")) {
            // Redis expires keys on its own clock: check the TTL instead of waiting an hour.
            long ttl = redis.getExpire(RedisAttemptStore.PREFIX + "account:" + account);
            assertThat(ttl).isBetween(3500L, 3600L);
        } else {
            assertThat(store.attempt(account, ip, t + 3_600_000)).isZero();
        }
    }

    @org.junit.jupiter.api.Test
    void theRedisKeysHoldNoLoginName() {
        String loginKey = "someone@example.com";
        String hashed = LoginThrottle.hash(loginKey);
        new RedisAttemptStore(redis, PROPERTIES).attempt(hashed, "192.0.2.1", 5_000_000_000L);

        assertThat(redis.keys(RedisAttemptStore.PREFIX + "*")).noneMatch(key -> key.contains("example.com"))
                .contains(RedisAttemptStore.PREFIX + "account:" + hashed);
    }

    @org.junit.jupiter.api.Test
    void lockAfterAbove100IsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LoginThrottleProperties(Duration.ofHours(1),
                        new LoginThrottleProperties.Policy(5, Duration.ofSeconds(1), Duration.ofMinutes(1),
                                101, Duration.ofMinutes(15)),
                        PROPERTIES.ip(), Duration.ofSeconds(5), 100_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ASVS");
    }
}
