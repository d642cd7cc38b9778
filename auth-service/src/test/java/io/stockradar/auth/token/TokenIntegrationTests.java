package io.stockradar.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import io.stockradar.auth.jwt.SigningKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import tools.jackson.databind.JsonNode;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TokenIntegrationTests extends AuthServiceIntegrationTest {

    private static final String PASSWORD = "amber-meadow-lantern-7";

    @Autowired
    private SigningKeys signingKeys;

    @Autowired
    private JwtEncoder jwtEncoder;

    private String username;
    private String email;
    private String accountId;

    @BeforeEach
    void signUp() {
        username = uniqueName("Tok.");
        email = username.toLowerCase() + "@example.com";
        AuthApi.Response signup = api().signup(username, email, PASSWORD);
        assertThat(signup.status()).isEqualTo(201);
        accountId = signup.json().get("id").asString();
    }

    @Test
    void signupLoginAndMe() throws Exception {
        AuthApi.Response login = api().login(username, PASSWORD);

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Cache-Control")).contains("no-store");
        JsonNode tokens = login.json();
        assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(tokens.get("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}");
        String accessToken = tokens.get("accessToken").asString();

        SignedJWT jwt = SignedJWT.parse(accessToken);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWKSet jwks = JWKSet.parse(api().get("/.well-known/jwks.json").body());
        RSAKey published = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(published).as("the token's kid is in the JWKS").isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly("stockradar-api");
        assertThat(claims.getSubject()).isEqualTo(accountId);
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(username);
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime().toInstant()).isCloseTo(Instant.now(), within(Duration.ofSeconds(30)));
        assertThat(Duration.between(Instant.now(), claims.getExpirationTime().toInstant()))
                .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15).plusSeconds(5));

        AuthApi.Response me = api().get("/api/auth/me", accessToken);

        assertThat(me.status()).isEqualTo(200);
        JsonNode account = me.json();
        assertThat(account.get("id").asString()).isEqualTo(accountId);
        assertThat(account.get("username").asString()).isEqualTo(username);
        assertThat(account.get("email").asString()).isEqualTo(email);
        assertThat(account.get("roles").toString()).isEqualTo("[\"USER\"]");
        assertThat(account.get("createdAt").asString()).isNotBlank();
    }

    @Test
    void loginAcceptsTheEmailAddressOrAnotherSpellingOfTheUsername() {
        assertThat(api().login(email.toUpperCase(), PASSWORD).status()).isEqualTo(200);
        assertThat(api().login(username.toLowerCase(), PASSWORD).status()).isEqualTo(200);
        assertThat(api().login(" " + email + " ", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        long tokens = refreshTokenCount();

        AuthApi.Response wrongPassword = api().login(username, PASSWORD + "x");
        AuthApi.Response unknownUser = api().login(uniqueName("nobody"), PASSWORD);
        AuthApi.Response unknownEmail = api().login(uniqueName("nobody") + "@example.com", PASSWORD);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
        assertThat(wrongPassword.json().get("code").asString()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
        assertThat(refreshTokenCount()).as("nothing issued").isEqualTo(tokens);
    }

    @Test
    void unknownUserCostsAPasswordHashLikeAWrongPassword() {
        // Without the dummy hash an unknown user answers in ~1 ms against ~50 ms for a wrong password.
        List<Long> wrong = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            wrong.add(timeLogin(username, "wrong-password-" + i));
            unknown.add(timeLogin(uniqueName("ghost"), "wrong-password-" + i));
        }
        long wrongMedian = median(wrong);
        long unknownMedian = median(unknown);
        assertThat(unknownMedian).as("unknown %s ns vs wrong password %s ns", unknownMedian, wrongMedian)
                .isGreaterThan(wrongMedian / 3);
    }

    @Test
    void refreshRotatesTheTokens() {
        JsonNode first = api().login(username, PASSWORD).json();

        AuthApi.Response refreshed = api().refresh(first.get("refreshToken").asString());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.header("Cache-Control")).contains("no-store");
        JsonNode second = refreshed.json();
        assertThat(second.get("refreshToken").asString()).isNotEqualTo(first.get("refreshToken").asString());
        assertThat(second.get("accessToken").asString()).isNotEqualTo(first.get("accessToken").asString());
        assertThat(second.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(api().get("/api/auth/me", second.get("accessToken").asString()).status()).isEqualTo(200);

        // The successor can be rotated in turn, within the same family.
        AuthApi.Response third = api().refresh(second.get("refreshToken").asString());
        assertThat(third.status()).isEqualTo(200);
        assertThat(familyOf(third.json().get("refreshToken").asString())).isEqualTo(familyOf(first.get("refreshToken").asString()));
    }

    @Test
    void reusingARotatedTokenRevokesTheWholeFamily() {
        String original = api().login(username, PASSWORD).json().get("refreshToken").asString();
        String successor = api().refresh(original).json().get("refreshToken").asString();

        AuthApi.Response reuse = api().refresh(original);

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.contentType()).startsWith("application/problem+json");
        assertThat(reuse.json().get("code").asString()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(api().refresh(successor).status()).as("the newer token is revoked too").isEqualTo(401);
        assertThat(api().get("/actuator/prometheus").body()).containsPattern("stockradar_auth_refresh_reuse_total(\\{[^}]*\\})? [1-9]");
        assertThat(jdbc.sql("select count(*) from refresh_token where family_id = ? and revoked_at is null")
                .param(familyOf(original)).query(Long.class).single()).isZero();

        // Other sessions of the same user are untouched.
        assertThat(api().refresh(api().login(username, PASSWORD).json().get("refreshToken").asString()).status())
                .isEqualTo(200);
    }

    @Test
    void concurrentRefreshesOfOneTokenLetAtMostOneThrough() throws Exception {
        String token = api().login(username, PASSWORD).json().get("refreshToken").asString();
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    statuses.add(api().refresh(token).status());
                    return null;
                }));
            }
            start.countDown();
            for (var future : futures) {
                future.get();
            }
        }
        assertThat(statuses).containsOnly(200, 401);
        assertThat(statuses).filteredOn(s -> s == 200).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void logoutRevokesTheSession() {
        String refreshToken = api().login(username, PASSWORD).json().get("refreshToken").asString();

        AuthApi.Response logout = api().logout(refreshToken);

        assertThat(logout.status()).isEqualTo(204);
        assertThat(api().refresh(refreshToken).status()).isEqualTo(401);
        assertThat(api().logout(refreshToken).status()).as("idempotent").isEqualTo(204);
        assertThat(api().logout("unknown-token").status()).isEqualTo(204);
    }

    @Test
    void refreshTokensAreStoredOnlyAsTheirSha256() {
        String refreshToken = api().login(username, PASSWORD).json().get("refreshToken").asString();

        Long byHash = jdbc.sql("select count(*) from refresh_token where token_hash = ?")
                .param(RefreshTokens.hash(refreshToken)).query(Long.class).single();
        Long anyColumnHoldingIt = jdbc.sql("select count(*) from refresh_token r where r::text like ?")
                .param("%" + refreshToken + "%").query(Long.class).single();

        assertThat(byHash).isEqualTo(1);
        assertThat(anyColumnHoldingIt).isZero();
    }

    @Test
    void invalidRefreshTokensAreRejected() {
        for (String junk : List.of("", "x", "a".repeat(43), "' OR 1=1 --")) {
            AuthApi.Response response = api().refresh(junk);
            assertThat(response.status()).as(junk).isIn(400, 401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(api().postRaw("/api/auth/refresh", "{}").status()).isEqualTo(400);
    }

    @Test
    void loginWithMissingFieldsIsABadRequestNamingThem() {
        long tokens = refreshTokenCount();

        AuthApi.Response response = api().postRaw("/api/auth/login", "{\"username\": \"\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).contains("username", "password");
        assertThat(refreshTokenCount()).isEqualTo(tokens);
    }

    @Test
    void meNeedsAToken() {
        AuthApi.Response response = api().get("/api/auth/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void meRejectsTamperedExpiredUnsignedAndForeignTokens() throws Exception {
        String valid = api().login(username, PASSWORD).json().get("accessToken").asString();
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("\"USER\"", "\"ADMIN\"").getBytes()) + "." + parts[2];
        Instant now = Instant.now();
        String expired = encode(claims -> claims.issuedAt(now.minusSeconds(3600)).expiresAt(now.minusSeconds(1800)));
        String wrongAudience = encode(claims -> claims.audience(List.of("another-api")));
        String wrongIssuer = encode(claims -> claims.issuer("http://evil.test"));
        JWTClaimsSet nimbusClaims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience("stockradar-api").subject(accountId).claim("roles", List.of("USER"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).build();
        String unsigned = new PlainJWT(new PlainHeader(), nimbusClaims).serialize();
        String foreignKey = signWithForeignKey(nimbusClaims);

        assertThat(tampered).isNotEqualTo(valid);
        assertThat(api().get("/api/auth/me", valid).status()).as("control: the valid token works").isEqualTo(200);
        assertThat(api().get("/api/auth/me", encode(claims -> { })).status()).as("control: the test signer works")
                .isEqualTo(200);
        for (String token : List.of(tampered, expired, wrongAudience, wrongIssuer, unsigned, foreignKey, "garbage")) {
            AuthApi.Response response = api().get("/api/auth/me", token);
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    /** A token signed with the service's own key through its own encoder; only the claims vary. */
    private String encode(Consumer<JwtClaimsSet.Builder> customizer) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of("stockradar-api"))
                .subject(accountId)
                .claim("roles", List.of("USER"))
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(600));
        customizer.accept(claims);
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(signingKeys.currentKeyId()).build();
        return jwtEncoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    /** Same kid as ours, but a key the service never saw. */
    private String signWithForeignKey(JWTClaimsSet claims) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKeys.currentKeyId()).build(),
                claims);
        jwt.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));
        return jwt.serialize();
    }

    private UUID familyOf(String refreshToken) {
        return jdbc.sql("select family_id from refresh_token where token_hash = ?")
                .param(RefreshTokens.hash(refreshToken)).query(UUID.class).single();
    }

    private long timeLogin(String login, String password) {
        long start = System.nanoTime();
        AuthApi.Response response = api().login(login, password);
        long elapsed = System.nanoTime() - start;
        assertThat(response.status()).isEqualTo(401);
        return elapsed;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
