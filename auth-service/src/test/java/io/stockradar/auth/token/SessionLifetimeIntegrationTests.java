package io.stockradar.auth.token;

import com.nimbusds.jwt.SignedJWT;
import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Issue 20, item 4: a sign-in session ends at its absolute lifetime, and signing out ends its access tokens too. */
class SessionLifetimeIntegrationTests extends AuthServiceIntegrationTest {

    private static final String PASSWORD = "copper-orchard-signal-31";
    /** stockradar.refresh-token.absolute-ttl (default) */
    private static final Duration ABSOLUTE = Duration.ofDays(90);

    @Autowired
    StringRedisTemplate redis;

    private String username;

    @BeforeEach
    void signUp() {
        username = uniqueName("sess");
        assertThat(api().signup(username, username + "@example.com", PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverOftenItWasRefreshed() {
        JsonNode login = api().login(username, PASSWORD).json();
        UUID family = familyOf(login.get("refreshToken").asString());
        Instant started = startedAt(family);
        String refreshToken = login.get("refreshToken").asString();
        for (int i = 0; i < 2; i++) {
            AuthApi.Response refreshed = api().refresh(refreshToken);
            assertThat(refreshed.status()).isEqualTo(200);
            refreshToken = refreshed.json().get("refreshToken").asString();
            assertThat(expiresAt(refreshToken)).as("each refresh renews the sliding 30 days")
                    .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(Duration.ofMinutes(1)));
        }
        assertThat(startedAt(family)).as("but not the session's start").isEqualTo(started);

        // The session began 90 days and a minute ago; its newest token would still be valid for weeks.
        jdbc.sql("update refresh_token set family_started_at = family_started_at - ?::interval where family_id = ?")
                .param(ABSOLUTE.plusMinutes(1).toSeconds() + " seconds").param(family).update();
        assertThat(expiresAt(refreshToken)).isAfter(Instant.now().plus(Duration.ofDays(29)));

        AuthApi.Response refused = api().refresh(refreshToken);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asString()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(api().refresh(api().login(username, PASSWORD).json().get("refreshToken").asString()).status())
                .as("signing in again starts a new session").isEqualTo(200);
    }

    @Test
    void aRefreshTokenNeverOutlivesItsSession() {
        String refreshToken = api().login(username, PASSWORD).json().get("refreshToken").asString();
        UUID family = familyOf(refreshToken);
        // 80 days into the session: a successor gets the 10 days left, not 30
        jdbc.sql("update refresh_token set family_started_at = now() - interval '80 days' where family_id = ?")
                .param(family).update();

        String successor = api().refresh(refreshToken).json().get("refreshToken").asString();

        assertThat(expiresAt(successor)).isCloseTo(startedAt(family).plus(ABSOLUTE), within(Duration.ofSeconds(1)));
    }

    @Test
    void signingOutMarksTheSessionsAccessTokensRevokedForTheGateway() throws Exception {
        JsonNode login = api().login(username, PASSWORD).json();
        String accessToken = login.get("accessToken").asString();
        String refreshToken = login.get("refreshToken").asString();
        String sid = SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
        assertThat(sid).as("the access token names its session").isEqualTo(familyOf(refreshToken).toString());
        JsonNode refreshed = api().refresh(refreshToken).json();
        assertThat(SignedJWT.parse(refreshed.get("accessToken").asString()).getJWTClaimsSet().getStringClaim("sid"))
                .as("the same session after a refresh").isEqualTo(sid);
        String otherSession = SignedJWT.parse(api().login(username, PASSWORD).json().get("accessToken").asString())
                .getJWTClaimsSet().getStringClaim("sid");

        assertThat(api().logout(refreshed.get("refreshToken").asString()).status()).isEqualTo(204);

        String mark = redis.opsForValue().get("auth:revoked-session:" + sid);
        assertThat(mark).isNotNull();
        assertThat(Long.parseLong(mark)).isGreaterThanOrEqualTo(SignedJWT.parse(refreshed.get("accessToken").asString())
                .getJWTClaimsSet().getIssueTime().toInstant().getEpochSecond());
        assertThat(redis.getExpire("auth:revoked-session:" + sid)).isBetween(15 * 60L, 16 * 60L);
        assertThat(redis.hasKey("auth:revoked-session:" + otherSession)).as("other sessions go on").isFalse();
    }

    @Test
    void reusingARotatedTokenMarksTheSessionsAccessTokensRevoked() throws Exception {
        JsonNode login = api().login(username, PASSWORD).json();
        String sid = SignedJWT.parse(login.get("accessToken").asString()).getJWTClaimsSet().getStringClaim("sid");
        api().refresh(login.get("refreshToken").asString());

        assertThat(api().refresh(login.get("refreshToken").asString()).status()).isEqualTo(401);

        assertThat(redis.hasKey("auth:revoked-session:" + sid)).as("the thief's access token ends too").isTrue();
    }

    private UUID familyOf(String refreshToken) {
        return jdbc.sql("select family_id from refresh_token where token_hash = ?")
                .param(RefreshTokens.hash(refreshToken)).query(UUID.class).single();
    }

    private Instant startedAt(UUID family) {
        return jdbc.sql("select max(family_started_at) from refresh_token where family_id = ?").param(family)
                .query((rs, row) -> rs.getTimestamp(1).toInstant()).single();
    }

    private Instant expiresAt(String refreshToken) {
        return jdbc.sql("select expires_at from refresh_token where token_hash = ?").param(RefreshTokens.hash(refreshToken))
                .query((rs, row) -> rs.getTimestamp(1).toInstant()).single();
    }
}
