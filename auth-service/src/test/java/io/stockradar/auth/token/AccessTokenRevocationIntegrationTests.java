package io.stockradar.auth.token;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import io.stockradar.testsupport.Redis;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ending an account's sessions writes the revocation mark the gateway checks ({@code auth:revoked-before:<id>} =
 * epoch second T; tokens with {@code iat <= T} are refused there), in real Redis, after the change committed.
 */
class AccessTokenRevocationIntegrationTests extends AuthServiceIntegrationTest {

    private static final String PASSWORD = "copper-lantern-orbit-77";
    private static final String NEW_PASSWORD = "quiet-harbor-juniper-93";

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    private String username;
    private String accountId;
    private String adminToken;

    @BeforeEach
    void signUp() {
        username = uniqueName("revoked");
        AuthApi.Response signup = api().signup(username, username + "@example.com", PASSWORD);
        assertThat(signup.status()).isEqualTo(201);
        accountId = signup.json().get("id").asString();
        adminToken = api().login(ADMIN_USERNAME, ADMIN_PASSWORD).json().get("accessToken").asString();
    }

    @Test
    void lockingRevokesEveryTokenIssuedSoFarAndUnlockingDoesNotUnrevoke() {
        String before = accessToken(username, PASSWORD);
        assertThat(mark()).as("nothing revoked yet").isNull();

        assertThat(api().json("POST", "/api/auth/admin/users/" + accountId + "/lock", adminToken, null).status())
                .isEqualTo(200);
        long mark = mark();
        assertThat(mark).isGreaterThanOrEqualTo(issuedAt(before));
        assertThat(Instant.now().getEpochSecond()).as("the call returned after the mark's second").isGreaterThan(mark);
        assertThat(redis.getExpire(key(), TimeUnit.SECONDS)).as("access-token TTL (15 min) + 60 s skew")
                .isBetween(Duration.ofMinutes(15).toSeconds(), Duration.ofMinutes(16).toSeconds());

        assertThat(api().json("POST", "/api/auth/admin/users/" + accountId + "/unlock", adminToken, null).status())
                .isEqualTo(200);
        assertThat(mark()).as("an unlock leaves the mark").isEqualTo(mark);
        assertThat(issuedAt(accessToken(username, PASSWORD))).as("a new sign-in is newer than the mark")
                .isGreaterThan(mark);
    }

    @Test
    void endingSessionsRevokesTheAccessTokens() {
        String before = accessToken(username, PASSWORD);

        assertThat(api().json("DELETE", "/api/auth/admin/users/" + accountId + "/sessions", adminToken, null).status())
                .isEqualTo(204);

        assertThat(mark()).isGreaterThanOrEqualTo(issuedAt(before));
        assertThat(issuedAt(accessToken(username, PASSWORD))).isGreaterThan(mark());
    }

    @Test
    void changingThePasswordRevokesTheAccessTokensAndASignInRightAfterIsNewer() {
        String before = accessToken(username, PASSWORD);

        assertThat(api().json("PUT", "/api/auth/me/password", before,
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)).status()).isEqualTo(204);
        String after = accessToken(username, NEW_PASSWORD);

        assertThat(mark()).isGreaterThanOrEqualTo(issuedAt(before));
        assertThat(issuedAt(after)).isGreaterThan(mark());
    }

    @Test
    void aRefusedPasswordChangeRevokesNothing() {
        String token = accessToken(username, PASSWORD);

        assertThat(api().json("PUT", "/api/auth/me/password", token,
                Map.of("currentPassword", "not-the-password-at-all", "newPassword", NEW_PASSWORD)).status()).isEqualTo(403);

        assertThat(mark()).isNull();
    }

    @Test
    void deletingTheAccountRevokesItsAccessTokens() {
        String before = accessToken(username, PASSWORD);

        assertThat(api().json("DELETE", "/api/auth/me", before, Map.of("password", PASSWORD)).status()).isEqualTo(204);

        assertThat(mark()).isGreaterThanOrEqualTo(issuedAt(before));
    }

    @Test
    void withRedisDownTheLockStillHoldsAndTheMissingMarkIsCounted() {
        double failedBefore = failed();
        Redis server = SharedInfrastructure.redis();
        server.stop();
        try {
            assertThat(api().json("POST", "/api/auth/admin/users/" + accountId + "/lock", adminToken, null).status())
                    .isEqualTo(200);
            assertThat(failed() - failedBefore).isEqualTo(1);
            assertThat(api().login(username, PASSWORD).status()).as("locked all the same").isEqualTo(401);
        } finally {
            server.start();
        }
        // Redis answers again (for the tests that follow)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> !redis.hasKey(key()));
    }

    private Long mark() {
        String value = redis.opsForValue().get(key());
        return value == null ? null : Long.parseLong(value);
    }

    private String key() {
        return "auth:revoked-before:" + accountId;
    }

    private double failed() {
        var counter = meters.find("stockradar.auth.token.revocations").tag("outcome", "failed").counter();
        return counter == null ? 0 : counter.count();
    }

    private String accessToken(String login, String password) {
        AuthApi.Response response = api().login(login, password);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("accessToken").asString();
    }

    static long issuedAt(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return AuthApi.JSON.readTree(payload).get("iat").asLong();
    }
}
