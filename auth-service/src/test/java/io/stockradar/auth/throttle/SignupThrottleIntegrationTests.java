package io.stockradar.auth.throttle;

import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20 item 8: sign-up answers 409 for a taken name, so one address may only ask so often
 * ({@link SignupThrottleProperties}, defaults in the test context: 10 per hour). Real endpoint, real Redis
 * and PostgreSQL.
 */
class SignupThrottleIntegrationTests extends AuthServiceIntegrationTest {

    private static final String PASSWORD = "quiet-orchard-signal-31";

    @Autowired
    private SignupThrottleProperties properties;

    @Autowired
    private StringRedisTemplate redis;

    @Test
    void oneAddressGetsItsBudgetOfAnswersThenA429WithRetryAfterAndNothingIsStored() {
        AuthApi client = new AuthApi(port, AuthApi.randomClientIp());
        String taken = uniqueName("taken");
        assertThat(client.signup(taken, taken + "@example.com", PASSWORD).status()).isEqualTo(201);
        for (int i = 1; i < properties.perAddress(); i++) {
            AuthApi.Response probe = client.signup(taken, uniqueName("x") + "@example.com", PASSWORD);
            assertThat(probe.status()).as("probe %s: the answer for a taken name is unchanged", i).isEqualTo(409);
            assertThat(probe.json().get("code").asString()).isEqualTo("USERNAME_TAKEN");
        }
        long accounts = accountCount();

        String fresh = uniqueName("fresh");
        AuthApi.Response refused = client.signup(fresh, fresh + "@example.com", PASSWORD);
        AuthApi.Response refusedTaken = client.signup(taken, uniqueName("y") + "@example.com", PASSWORD);

        for (AuthApi.Response response : new AuthApi.Response[] {refused, refusedTaken}) {
            assertThat(response.status()).isEqualTo(429);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asString()).isEqualTo("SIGNUP_THROTTLED");
            assertThat(Long.parseLong(response.header("Retry-After")))
                    .isBetween(1L, properties.window().toSeconds());
            assertThat(response.body()).doesNotContain(taken);
        }
        assertThat(refusedTaken.body()).as("a taken name is no longer told apart")
                .isEqualTo(refused.body().replace(refused.header("Retry-After") + " second",
                        refusedTaken.header("Retry-After") + " second"));
        assertThat(accountCount()).as("nothing stored").isEqualTo(accounts);
        assertThat(jdbc.sql("select count(*) from account where username_key = :key").param("key", fresh)
                .query(Long.class).single()).isZero();

        // Bad input is still a 400 naming the field (it reveals nothing and does not count) ...
        AuthApi.Response invalid = client.postJson("/api/auth/signup",
                Map.of("username", "x", "email", "not-an-address", "password", PASSWORD));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        // ... and another address is not affected.
        assertThat(api().signup(fresh, fresh + "@example.com", PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void theBudgetLivesInRedisSoEveryInstanceSharesIt() {
        AuthApi client = new AuthApi(port, AuthApi.randomClientIp());
        for (int i = 0; i < properties.perAddress(); i++) {
            String name = uniqueName("r");
            assertThat(client.signup(name, name + "@example.com", PASSWORD).status()).isEqualTo(201);
        }
        String key = SignupThrottle.PREFIX + client.clientIp();
        assertThat(redis.opsForValue().get(key)).isEqualTo(String.valueOf(properties.perAddress()));
        String name = uniqueName("r");
        assertThat(client.signup(name, name + "@example.com", PASSWORD).status()).isEqualTo(429);

        redis.delete(key); // what another instance sees is only what Redis holds

        assertThat(client.signup(name, name + "@example.com", PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void withRedisDownSignUpStillWorksAndTheInstanceCountsInMemory() {
        AuthApi client = new AuthApi(port, AuthApi.randomClientIp());
        var redisServer = SharedInfrastructure.redis();
        redisServer.stop();
        try {
            for (int i = 0; i < properties.perAddress(); i++) {
                String name = uniqueName("m");
                assertThat(client.signup(name, name + "@example.com", PASSWORD).status()).as("sign-up %s", i + 1)
                        .isEqualTo(201);
            }
            String name = uniqueName("m");
            AuthApi.Response refused = client.signup(name, name + "@example.com", PASSWORD);
            assertThat(refused.status()).as("throttled in memory").isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotBlank();
        } finally {
            redisServer.start();
        }

        // Back on Redis once it answers again (after the retry interval and Lettuce's reconnect).
        AuthApi other = new AuthApi(port, AuthApi.randomClientIp());
        String key = SignupThrottle.PREFIX + other.clientIp();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .ignoreException(RedisSystemException.class).untilAsserted(() -> {
            other.signup(uniqueName("b"), "not-valid", PASSWORD); // invalid: never counted
            String name = uniqueName("b");
            other.signup(name, name + "@example.com", PASSWORD);
            assertThat(redis.hasKey(key)).isTrue();
        });
    }
}
