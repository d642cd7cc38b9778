package io.stockradar.auth.apikey;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Personal API keys: managing them over the public API, and the gateway's internal exchange for a token. */
class ApiKeyIntegrationTests extends AuthServiceIntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    private static final String PASSWORD = "amber-harbor-lantern-42";

    private String username;
    private String accountId;
    private String userToken;

    @BeforeEach
    void signUp() {
        username = uniqueName("keys");
        AuthApi.Response signup = api().signup(username, username + "@example.com", PASSWORD);
        assertThat(signup.status()).isEqualTo(201);
        accountId = signup.json().get("id").asString();
        userToken = api().login(username, PASSWORD).json().get("accessToken").asString();
    }

    // --- managing keys -------------------------------------------------------------------------------------

    @Test
    void aNewKeyIsShownOnceAndOnlyItsHashIsStored() throws Exception {
        AuthApi.Response created = create(userToken, "laptop script", "read");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        JsonNode body = created.json();
        String key = body.get("key").asString();
        String prefix = body.get("prefix").asString();
        assertThat(key).matches("sr_[a-z0-9]{8}_[A-Za-z0-9_-]{43}").startsWith("sr_" + prefix + "_");
        assertThat(body.get("name").asString()).isEqualTo("laptop script");
        assertThat(body.get("scope").asString()).isEqualTo("read");
        assertThat(body.get("createdAt").asString()).isNotBlank();

        Map<String, Object> row = jdbc.sql("select * from api_key where id = ?::uuid").param(body.get("id").asString())
                .query().singleRow();
        assertThat((byte[]) row.get("key_hash"))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        assertThat(row.values()).as("the key itself is in no column").noneMatch(value -> value != null
                && (value.toString().contains(key) || value.toString().contains(key.substring(12))));

        AuthApi.Response list = api().get("/api/auth/api-keys", userToken);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(key.substring(12)).doesNotContain("\"key\"");
        JsonNode listed = list.json().get(0);
        assertThat(listed.get("id").asString()).isEqualTo(body.get("id").asString());
        assertThat(listed.get("prefix").asString()).isEqualTo(prefix);
        assertThat(listed.get("scope").asString()).isEqualTo("read");
        assertThat(listed.get("lastUsedAt").isNull()).isTrue();
    }

    @Test
    void usersSeeAndRevokeOnlyTheirOwnKeys() {
        String mine = create(userToken, "mine", "full").json().get("id").asString();
        String other = uniqueName("other");
        api().signup(other, other + "@example.com", PASSWORD);
        String otherToken = api().login(other, PASSWORD).json().get("accessToken").asString();
        JsonNode theirs = create(otherToken, "theirs", "full").json();

        assertThat(api().get("/api/auth/api-keys", userToken).json()).singleElement()
                .satisfies(key -> assertThat(key.get("id").asString()).isEqualTo(mine));
        AuthApi.Response foreign = api().json("DELETE", "/api/auth/api-keys/" + theirs.get("id").asString(), userToken, null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(exchange(gatewayToken(), theirs.get("key").asString()).status()).as("their key still works")
                .isEqualTo(200);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        JsonNode created = create(userToken, "ci", "full").json();
        String key = created.get("key").asString();
        assertThat(exchange(gatewayToken(), key).status()).isEqualTo(200);

        AuthApi.Response revoked = api().json("DELETE", "/api/auth/api-keys/" + created.get("id").asString(), userToken, null);

        assertThat(revoked.status()).isEqualTo(204);
        AuthApi.Response refused = exchange(gatewayToken(), key);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("INVALID_API_KEY");
        assertThat(api().get("/api/auth/api-keys", userToken).json()).isEmpty();
        assertThat(api().json("DELETE", "/api/auth/api-keys/" + created.get("id").asString(), userToken, null).status())
                .isEqualTo(404);
    }

    @Test
    void anAccountHoldsAtMostTenKeys() {
        for (int i = 0; i < 10; i++) {
            assertThat(create(userToken, "key " + i, "read").status()).isEqualTo(201);
        }

        AuthApi.Response eleventh = create(userToken, "one too many", "read");

        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.contentType()).startsWith("application/problem+json");
        assertThat(eleventh.json().get("code").asString()).isEqualTo("API_KEY_LIMIT");
        assertThat(jdbc.sql("select count(*) from api_key where account_id = ?::uuid").param(accountId)
                .query(Long.class).single()).isEqualTo(10);
    }

    @Test
    void theLimitHoldsUnderConcurrentCreation() throws Exception {
        List<java.util.concurrent.Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            String name = "parallel " + i;
            attempts.add(() -> create(userToken, name, "read").status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(7)) {
            for (var result : executor.invokeAll(attempts)) {
                statuses.add(result.get());
            }
        }

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(10);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(4);
        assertThat(jdbc.sql("select count(*) from api_key where account_id = ?::uuid").param(accountId)
                .query(Long.class).single()).isEqualTo(10);
    }

    @Test
    void invalidInputIsA400NamingTheField() {
        Map<String, Object> noName = new HashMap<>();
        noName.put("scope", "read");
        noName.put("currentPassword", PASSWORD);
        Map<String, Object> noScope = new HashMap<>();
        noScope.put("name", "x");
        noScope.put("currentPassword", PASSWORD);
        record Case(Object body, String field) {
        }
        List<Case> cases = List.of(
                new Case(noName, "name"),
                new Case(Map.of("name", "   ", "scope", "read", "currentPassword", PASSWORD), "name"),
                new Case(Map.of("name", "x".repeat(65), "scope", "read", "currentPassword", PASSWORD), "name"),
                new Case(Map.of("name", "tab\there", "scope", "read", "currentPassword", PASSWORD), "name"),
                new Case(noScope, "scope"),
                new Case(Map.of("name", "x", "scope", "write", "currentPassword", PASSWORD), "scope"),
                new Case(Map.of("name", "x", "scope", "READ", "currentPassword", PASSWORD), "scope"),
                new Case(Map.of("name", "x", "scope", 1, "currentPassword", PASSWORD), "scope"));
        for (Case c : cases) {
            AuthApi.Response response = api().json("POST", "/api/auth/api-keys", userToken, c.body());
            assertThat(response.status()).as(c.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("errors").toString()).as(c.toString()).contains("\"field\":\"" + c.field() + "\"");
        }
        assertThat(api().postRaw("/api/auth/api-keys", "{").status()).as("no token").isEqualTo(401);
        assertThat(api().get("/api/auth/api-keys", userToken).json()).isEmpty();
    }

    @Test
    void managingKeysNeedsASignInToken() {
        assertThat(api().get("/api/auth/api-keys").status()).isEqualTo(401);
        assertThat(api().json("POST", "/api/auth/api-keys", null, Map.of("name", "x", "scope", "read")).status())
                .isEqualTo(401);
        String apiKeyToken = exchange(gatewayToken(), create(userToken, "full", "full").json().get("key").asString())
                .json().get("accessToken").asString();

        AuthApi.Response minted = api().json("POST", "/api/auth/api-keys", apiKeyToken, Map.of("name", "x", "scope", "full"));

        assertThat(minted.status()).isEqualTo(403);
        assertThat(minted.json().get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(api().get("/api/auth/api-keys", apiKeyToken).status()).isEqualTo(403);
    }

    @Test
    void creatingAKeyNeedsTheCurrentPassword() {
        Map<String, Object> noPassword = Map.of("name", "x", "scope", "full");
        Map<String, Object> wrongPassword = Map.of("name", "x", "scope", "full", "currentPassword", PASSWORD + "!");

        AuthApi.Response missing = api().json("POST", "/api/auth/api-keys", userToken, noPassword);
        AuthApi.Response wrong = api().json("POST", "/api/auth/api-keys", userToken, wrongPassword);

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("errors").toString()).contains("\"field\":\"currentPassword\"");
        assertThat(wrong.status()).as("re-authentication failed; the access token itself is fine").isEqualTo(403);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.json().get("code").asString()).isEqualTo("INVALID_PASSWORD");
        assertThat(wrong.json().get("errors").toString()).contains("\"field\":\"currentPassword\"");
        assertThat(keyCount()).as("nothing stored").isZero();
        assertThat(create(userToken, "with password", "full").status()).isEqualTo(201);
    }

    @Test
    void aKeyExpiresAfterItsLifetimeDefaultNinetyDaysAtMostAYear() {
        JsonNode week = api().json("POST", "/api/auth/api-keys", userToken,
                Map.of("name", "week", "scope", "read", "currentPassword", PASSWORD, "expiresInDays", 7)).json();
        JsonNode byDefault = create(userToken, "default", "read").json();

        assertThat(Instant.parse(week.get("expiresAt").asString()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(Duration.ofMinutes(1)));
        assertThat(Instant.parse(byDefault.get("expiresAt").asString()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(90)), within(Duration.ofMinutes(1)));
        assertThat(api().get("/api/auth/api-keys", userToken).json().get(0).get("expiresAt").asString())
                .isEqualTo(week.get("expiresAt").asString());
        for (Object days : List.of(0, -1, 366, "soon")) {
            AuthApi.Response refused = api().json("POST", "/api/auth/api-keys", userToken,
                    Map.of("name", "bad", "scope", "read", "currentPassword", PASSWORD, "expiresInDays", days));
            assertThat(refused.status()).as(days.toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").toString()).contains("\"field\":\"expiresInDays\"");
        }
        assertThat(keyCount()).as("only the two valid keys").isEqualTo(2);

        String key = week.get("key").asString();
        String id = week.get("id").asString();
        jdbc.sql("update api_key set expires_at = now() + interval '40 seconds' where id = ?::uuid").param(id).update();
        AuthApi.Response nearlyExpired = exchange(gatewayToken(), key);
        assertThat(nearlyExpired.status()).isEqualTo(200);
        assertThat(nearlyExpired.json().get("expiresIn").asLong()).as("the token ends with the key").isBetween(35L, 40L);

        jdbc.sql("update api_key set expires_at = now() - interval '1 second' where id = ?::uuid").param(id).update();
        AuthApi.Response expired = exchange(gatewayToken(), key);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("code").asString()).isEqualTo("INVALID_API_KEY");
    }

    @Test
    void anAdministratorsKeyCarriesRoleUserOnly() throws Exception {
        String admin = api().login(ADMIN_USERNAME, ADMIN_PASSWORD).json().get("accessToken").asString();
        assertThat(SignedJWT.parse(admin).getJWTClaimsSet().getStringListClaim("roles")).contains("ADMIN");
        JsonNode created = api().json("POST", "/api/auth/api-keys", admin,
                Map.of("name", "admin script", "scope", "full", "currentPassword", ADMIN_PASSWORD)).json();

        String keyToken = exchange(gatewayToken(), created.get("key").asString()).json().get("accessToken").asString();

        assertThat(SignedJWT.parse(keyToken).getJWTClaimsSet().getStringListClaim("roles")).containsExactly("USER");
        assertThat(api().get("/api/auth/admin/users", keyToken).status()).isEqualTo(403);
        assertThat(api().get("/api/auth/admin/users", admin).status()).isEqualTo(200);
        api().json("DELETE", "/api/auth/api-keys/" + created.get("id").asString(), admin, null);
    }

    @Test
    void changingThePasswordRevokesEveryKey() {
        String first = create(userToken, "one", "full").json().get("key").asString();
        String second = create(userToken, "two", "read").json().get("key").asString();
        assertThat(exchange(gatewayToken(), first).status()).isEqualTo(200);

        AuthApi.Response changed = api().json("PUT", "/api/auth/me/password", userToken,
                Map.of("currentPassword", PASSWORD, "newPassword", "a-brand-new-passphrase-77"));

        assertThat(changed.status()).isEqualTo(204);
        assertThat(exchange(gatewayToken(), first).status()).isEqualTo(401);
        assertThat(exchange(gatewayToken(), second).status()).isEqualTo(401);
        assertThat(keyCount()).isZero();
    }

    @Test
    void anAdministratorEndingTheSessionsRevokesEveryKey() {
        String key = create(userToken, "ci", "full").json().get("key").asString();
        String admin = api().login(ADMIN_USERNAME, ADMIN_PASSWORD).json().get("accessToken").asString();

        AuthApi.Response ended = api().json("DELETE", "/api/auth/admin/users/" + accountId + "/sessions", admin, null);

        assertThat(ended.status()).isBetween(200, 204);
        assertThat(exchange(gatewayToken(), key).status()).isEqualTo(401);
        assertThat(keyCount()).isZero();
    }

    @Test
    void revokingAKeyMarksTheTokensExchangedForItRevokedInRedis() throws Exception {
        JsonNode created = create(userToken, "leaked", "full").json();
        String id = created.get("id").asString();
        String keyToken = exchange(gatewayToken(), created.get("key").asString()).json().get("accessToken").asString();
        assertThat(SignedJWT.parse(keyToken).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(id);
        assertThat(SignedJWT.parse(userToken).getJWTClaimsSet().getStringClaim("sid")).as("the sign-in's own session")
                .isNotEqualTo(id);

        assertThat(api().json("DELETE", "/api/auth/api-keys/" + id, userToken, null).status()).isEqualTo(204);

        String mark = redis.opsForValue().get("auth:revoked-session:" + id);
        assertThat(mark).as("the gateway refuses the key's tokens at once").isNotNull();
        assertThat(Long.parseLong(mark)).isGreaterThanOrEqualTo(issuedAt(keyToken));
        assertThat(redis.getExpire("auth:revoked-session:" + id)).as("kept as long as such a token lives")
                .isBetween(15 * 60L, 16 * 60L);
        assertThat(redis.hasKey("auth:revoked-before:" + accountId)).as("the owner's sign-in stays valid").isFalse();
    }

    @Test
    void aReadOnlyKeysTokenCannotChangeTheAccountHereEither() {
        String readToken = exchange(gatewayToken(), create(userToken, "reader", "read").json().get("key").asString())
                .json().get("accessToken").asString();

        AuthApi.Response deletion = api().json("DELETE", "/api/auth/me", readToken, Map.of("password", PASSWORD));

        assertThat(deletion.status()).isEqualTo(403);
        assertThat(deletion.contentType()).startsWith("application/problem+json");
        assertThat(deletion.json().get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(accountCount(accountId)).isEqualTo(1);
        assertThat(api().get("/api/auth/me", readToken).status()).as("reading is fine").isEqualTo(200);
    }

    // --- the gateway's exchange ----------------------------------------------------------------------------

    @Test
    void aValidKeyYieldsAFiveMinuteTokenWithTheClaimsOfASignInTokenThatValidatesAgainstTheJwks() throws Exception {
        JsonNode created = create(userToken, "reader", "read").json();

        AuthApi.Response response = exchange(gatewayToken(), created.get("key").asString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.json().get("expiresIn").asLong()).isEqualTo(300);
        assertThat(response.json().get("scope").asString()).isEqualTo("read");
        String token = response.json().get("accessToken").asString();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        RSAKey key = (RSAKey) JWKSet.parse(api().get("/.well-known/jwks.json").body()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        JWTClaimsSet login = SignedJWT.parse(userToken).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER).isEqualTo(login.getIssuer());
        assertThat(claims.getAudience()).containsExactly("stockradar-api");
        assertThat(claims.getSubject()).isEqualTo(accountId).isEqualTo(login.getSubject());
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(username);
        assertThat(claims.getStringListClaim("roles")).isEqualTo(login.getStringListClaim("roles")).containsExactly("USER");
        assertThat(claims.getStringClaim("scope")).isEqualTo("read");
        assertThat(claims.getStringClaim("auth_method")).isEqualTo("api_key");
        assertThat(claims.getStringClaim("api_key_id")).isEqualTo(created.get("id").asString());
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(api().get("/api/auth/me", token).json().get("id").asString()).as("the same identity").isEqualTo(accountId);
    }

    @Test
    void lastUsedAtIsWrittenAtMostOnceAMinute() {
        JsonNode created = create(userToken, "busy", "full").json();
        String id = created.get("id").asString();
        String key = created.get("key").asString();
        String gateway = gatewayToken();

        exchange(gateway, key);
        Instant first = lastUsedAt(id);
        exchange(gateway, key);

        assertThat(first).isNotNull().isCloseTo(Instant.now(), within(Duration.ofSeconds(30)));
        assertThat(lastUsedAt(id)).as("not written again within the minute").isEqualTo(first);
        assertThat(api().get("/api/auth/api-keys", userToken).json().get(0).get("lastUsedAt").asString()).isNotBlank();

        jdbc.sql("update api_key set last_used_at = now() - interval '2 minutes' where id = ?::uuid").param(id).update();
        Instant stale = lastUsedAt(id);
        exchange(gateway, key);
        assertThat(lastUsedAt(id)).isAfter(stale);
    }

    @Test
    void unknownAndMalformedKeysAre401() {
        String real = create(userToken, "real", "full").json().get("key").asString();
        String wrongSecret = real.substring(0, real.length() - 4) + (real.endsWith("AAAA") ? "BBBB" : "AAAA");
        List<String> keys = List.of(wrongSecret, "sr_zzzzzzzz_" + "A".repeat(43), "not-a-key", real + "x", "sr_");

        for (String key : keys) {
            AuthApi.Response response = exchange(gatewayToken(), key);
            assertThat(response.status()).as(key).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asString()).isEqualTo("INVALID_API_KEY");
            assertThat(response.body()).doesNotContain("accessToken");
        }
        assertThat(exchange(gatewayToken(), " ").status()).isEqualTo(400);
    }

    @Test
    void theExchangeNeedsAServiceTokenWithTheExchangeScope() {
        String key = create(userToken, "guarded", "full").json().get("key").asString();

        AuthApi.Response anonymous = exchange(null, key);
        AuthApi.Response userTokenInstead = exchange(userToken, key);
        AuthApi.Response otherService = exchange(serviceToken(CLIENT_ID, CLIENT_SECRET), key);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(userTokenInstead.status()).as("aud=stockradar-api is not a service token").isEqualTo(401);
        assertThat(otherService.status()).as("a service token without apikey:exchange").isEqualTo(403);
        for (AuthApi.Response response : List.of(anonymous, userTokenInstead, otherService)) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain("accessToken");
        }
        assertThat(api().json("POST", "/internal/api-keys/other", gatewayToken(), Map.of()).status())
                .as("the service token opens nothing else").isEqualTo(403);
    }

    @Test
    void aLockedOrDeletedAccountsKeysStopWorking() {
        String key = create(userToken, "owner goes away", "full").json().get("key").asString();
        String admin = api().login(ADMIN_USERNAME, ADMIN_PASSWORD).json().get("accessToken").asString();
        AuthApi.Response exchanged = exchange(gatewayToken(), key);
        assertThat(exchanged.status()).isEqualTo(200);

        assertThat(api().json("POST", "/api/auth/admin/users/" + accountId + "/lock", admin, null).status()).isEqualTo(200);
        assertThat(exchange(gatewayToken(), key).status()).as("locked").isEqualTo(401);
        // The token the gateway may still hold for this key is revoked there as well (iat <= the mark).
        assertThat(Long.parseLong(redis.opsForValue().get("auth:revoked-before:" + accountId)))
                .isGreaterThanOrEqualTo(issuedAt(exchanged.json().get("accessToken").asString()));

        assertThat(api().json("POST", "/api/auth/admin/users/" + accountId + "/unlock", admin, null).status()).isEqualTo(200);
        assertThat(exchange(gatewayToken(), key).status()).as("unlocked again").isEqualTo(200);

        String fresh = api().login(username, PASSWORD).json().get("accessToken").asString();
        assertThat(api().json("DELETE", "/api/auth/me", fresh, Map.of("password", PASSWORD)).status()).isEqualTo(204);
        assertThat(exchange(gatewayToken(), key).status()).as("deleted").isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from api_key where account_id = ?::uuid").param(accountId)
                .query(Long.class).single()).isZero();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static long issuedAt(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return AuthApi.JSON.readTree(payload).get("iat").asLong();
    }

    private AuthApi.Response create(String token, String name, String scope) {
        return api().json("POST", "/api/auth/api-keys", token,
                Map.of("name", name, "scope", scope, "currentPassword", PASSWORD));
    }

    private AuthApi.Response exchange(String serviceToken, String key) {
        return api().json("POST", "/internal/api-keys/exchange", serviceToken, Map.of("key", key));
    }

    private String gatewayToken() {
        return serviceToken(GATEWAY_CLIENT_ID, GATEWAY_CLIENT_SECRET);
    }

    private String serviceToken(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        AuthApi.Response response = api().send(HttpRequest.newBuilder(api().uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("access_token").asString();
    }

    private long accountCount(String id) {
        return jdbc.sql("select count(*) from account where id = ?::uuid").param(id).query(Long.class).single();
    }

    private long keyCount() {
        return jdbc.sql("select count(*) from api_key where account_id = ?::uuid").param(accountId).query(Long.class).single();
    }

    private Instant lastUsedAt(String id) {
        return jdbc.sql("select last_used_at from api_key where id = ?::uuid").param(id)
                .query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).single();
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toMillis(), java.time.temporal.ChronoUnit.MILLIS);
    }
}
