package io.stockradar.auth.throttle;

import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sign-in throttling through the real endpoint, against the real Redis. The test context delays after
 * 8 failures per login name (see {@link AuthServiceIntegrationTest}); the IP policy 20 (both set in the test base).
 */
class LoginThrottleIntegrationTests extends AuthServiceIntegrationTest {

    private static final String PASSWORD = "quiet-orchard-signal-31";

    @Autowired
    private LoginThrottleProperties properties;

    @Autowired
    private StringRedisTemplate redis;

    private String username;
    private UUID accountId;

    @BeforeEach
    void signUp() {
        username = uniqueName("thr");
        AuthApi.Response signup = api().signup(username, username + "@example.com", PASSWORD);
        assertThat(signup.status()).isEqualTo(201);
        accountId = UUID.fromString(signup.json().get("id").asString());
    }

    @Test
    void afterTheFreeFailuresTheNextAttemptWaitsWith429AndRetryAfterEvenWithTheRightPassword() {
        int free = properties.account().freeFailures();
        for (int i = 0; i <= free; i++) {
            assertThat(fresh().login(username, "wrong-" + i).status()).as("failure %s", i + 1).isEqualTo(401);
        }

        AuthApi.Response throttled = fresh().login(username, PASSWORD);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.json().get("code").asString()).isEqualTo("LOGIN_THROTTLED");
        assertThat(throttled.header("Retry-After")).isEqualTo("1");
        assertThat(throttled.body()).doesNotContain("accessToken");

        // After the delay, the right password gets in (and resets the count).
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> fresh().login(username, PASSWORD).status() == 200);
        for (int i = 0; i < free; i++) {
            assertThat(fresh().login(username, "wrong-again-" + i).status()).isEqualTo(401);
        }
    }

    @Test
    void anUnknownNameIsThrottledExactlyLikeAnExistingOne() {
        String unknown = uniqueName("nobody");
        int free = properties.account().freeFailures();
        for (int i = 0; i <= free; i++) {
            AuthApi.Response known = fresh().login(username, "wrong-" + i);
            AuthApi.Response ghost = fresh().login(unknown, "wrong-" + i);
            assertThat(ghost.status()).isEqualTo(401);
            assertThat(ghost.body()).isEqualTo(known.body());
        }

        AuthApi.Response known = fresh().login(username, "wrong");
        AuthApi.Response ghost = fresh().login(unknown, "wrong");

        assertThat(known.status()).isEqualTo(429);
        assertThat(ghost.status()).isEqualTo(429);
        assertThat(ghost.body()).isEqualTo(known.body());
        assertThat(ghost.header("Retry-After")).isEqualTo(known.header("Retry-After"));
    }

    @Test
    void spellingsOfOneLoginNameShareTheirCount() {
        int free = properties.account().freeFailures();
        for (int i = 0; i <= free; i++) {
            String spelling = i % 2 == 0 ? username.toUpperCase() : " " + username + " ";
            assertThat(fresh().login(spelling, "wrong-" + i).status()).isEqualTo(401);
        }

        assertThat(fresh().login(username.toLowerCase(), PASSWORD).status()).isEqualTo(429);
    }

    /**
     * Issue 20 item 8: username and e-mail address of one account share one count, so alternating them
     * reaches the delays after the free failures and the lock after lock-after failures, exactly as one
     * identifier does (the other tests here), not after twice as many.
     */
    @Test
    void alternatingTheUsernameAndTheEmailOfOneAccountReachesTheLockAfterTheSameNumberOfFailures() {
        String email = username + "@example.com";
        int free = properties.account().freeFailures();
        int lockAfter = properties.account().lockAfter();
        for (int i = 0; i < free; i++) {
            String identifier = i % 2 == 0 ? username : email.toUpperCase();
            assertThat(fresh().login(identifier, "wrong-" + i).status()).as("failure %s", i + 1).isEqualTo(401);
        }
        for (int failure = free + 1; failure <= lockAfter; failure++) {
            String identifier = failure % 2 == 0 ? username : email;
            // waits (429, not counted) until the delay earned by the previous failure has passed
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> fresh().login(identifier, "wrong").status() == 401);
            if (failure < lockAfter) {
                AuthApi.Response delayed = fresh().login(identifier, PASSWORD);
                assertThat(delayed.status()).as("after failure %s, a delay", failure).isEqualTo(429);
                assertThat(Long.parseLong(delayed.header("Retry-After")))
                        .isLessThanOrEqualTo(properties.account().maxDelay().toSeconds());
            }
        }

        long lockSeconds = properties.account().lockDuration().toSeconds();
        for (String identifier : new String[] {username, email}) {
            AuthApi.Response locked = fresh().login(identifier, PASSWORD);
            assertThat(locked.status()).as("locked for %s", identifier).isEqualTo(429);
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(lockSeconds - 5, lockSeconds);
        }
    }

    @Test
    void oneClientTryingManyNamesIsThrottledByItsAddress() {
        AuthApi attacker = new AuthApi(port, AuthApi.randomClientIp());
        int free = properties.ip().freeFailures();
        for (int i = 0; i <= free; i++) {
            assertThat(attacker.login(uniqueName("victim"), "wrong").status()).as("failure %s", i + 1).isEqualTo(401);
        }

        assertThat(attacker.login(username, PASSWORD).status()).as("same address, another name").isEqualTo(429);
        assertThat(fresh().login(username, PASSWORD).status()).as("another address").isEqualTo(200);
    }

    @Test
    void theStateLivesInRedisSoEveryInstanceAndRestartSeesIt() {
        int free = properties.account().freeFailures();
        for (int i = 0; i <= free; i++) {
            fresh().login(username, "wrong-" + i);
        }
        String key = RedisAttemptStore.PREFIX + "account:" + LoginThrottle.hash(LoginThrottle.accountKey(accountId));
        assertThat(redis.opsForHash().get(key, "n")).isEqualTo(String.valueOf(free + 1));
        assertThat(fresh().login(username, PASSWORD).status()).isEqualTo(429);

        redis.delete(key); // what another instance sees is only what Redis holds

        assertThat(fresh().login(username, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void withRedisDownSignInStillWorksAndTheInstanceThrottlesInMemory() {
        var redisServer = SharedInfrastructure.redis();
        redisServer.stop();
        try {
            assertThat(fresh().login(username, PASSWORD).status()).as("sign-in without Redis").isEqualTo(200);
            int free = properties.account().freeFailures();
            for (int i = 0; i <= free; i++) {
                assertThat(fresh().login(username, "wrong-" + i).status()).isEqualTo(401);
            }
            AuthApi.Response throttled = fresh().login(username, PASSWORD);
            assertThat(throttled.status()).as("throttled in memory").isEqualTo(429);
            assertThat(throttled.header("Retry-After")).isNotBlank();
        } finally {
            redisServer.start();
        }

        // Back on Redis once it answers again (after the retry interval and Lettuce's reconnect).
        String other = uniqueName("back");
        String key = RedisAttemptStore.PREFIX + "account:" + LoginThrottle.hash(LoginThrottle.unknownNameKey(other.toLowerCase()));
        // until Lettuce has reconnected, the template itself refuses commands ("Currently not connected")
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .ignoreException(RedisSystemException.class).untilAsserted(() -> {
            fresh().login(other, "wrong");
            assertThat(redis.hasKey(key)).isTrue();
        });
    }

    /** A client from an address of its own, so only the per-name policy is in play. */
    private AuthApi fresh() {
        return api();
    }
}
