package io.stockradar.gateway.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.stockradar.gateway.support.Backend;
import io.stockradar.gateway.support.FakeAuthService;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import io.stockradar.gateway.support.TestTokens;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code X-API-Key} at the edge, against a fake auth-service that issues the gateway's service token and
 * exchanges keys for tokens signed by the test key (the one in the JWKS the gateway trusts).
 */
class ApiKeyIntegrationTests extends GatewayIntegrationTest {

    private static final String API_KEY = "X-API-Key";

    @Test
    void aKeyReachesTheServiceAsItsOwnersBearerTokenAndTheKeyItselfStaysAtTheGateway() throws Exception {
        FakeAuthService.Key key = AUTH_SERVER.newKey("full");

        client.get().uri("/api/history/runs/7").header(API_KEY, key.value()).exchange()
                .expectStatus().isOk();

        RecordedRequest forwarded = historyRequests().getFirst();
        String authorization = forwarded.getHeaders().get(HttpHeaders.AUTHORIZATION);
        assertThat(authorization).startsWith("Bearer ");
        JWTClaimsSet claims = SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(key.userId());
        assertThat(claims.getIssuer()).isEqualTo(TestTokens.ISSUER);
        assertThat(claims.getAudience()).containsExactly(TestTokens.AUDIENCE);
        assertThat(claims.getStringClaim("auth_method")).isEqualTo("api_key");
        assertThat(claims.getStringClaim("scope")).isEqualTo("full");
        assertThat(forwarded.getHeaders().get(API_KEY)).isNull();
        assertThat(forwarded.getHeaders().toString()).doesNotContain(key.value());
    }

    @Test
    void theTokenIsReusedForTheSameKeyAndEachKeyGetsItsOwn() {
        FakeAuthService.Key key = AUTH_SERVER.newKey("full");
        FakeAuthService.Key other = AUTH_SERVER.newKey("full");
        int exchangesBefore = AUTH_SERVER.exchanges();

        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/history").header(API_KEY, key.value()).exchange().expectStatus().isOk();
        }

        assertThat(AUTH_SERVER.exchanges() - exchangesBefore).as("one exchange for three requests").isEqualTo(1);
        assertThat(historyRequests()).hasSize(3)
                .extracting(r -> r.getHeaders().get(HttpHeaders.AUTHORIZATION)).containsOnly(
                        historyRequests().getFirst().getHeaders().get(HttpHeaders.AUTHORIZATION));

        client.get().uri("/api/history").header(API_KEY, other.value()).exchange().expectStatus().isOk();
        assertThat(AUTH_SERVER.exchanges() - exchangesBefore).isEqualTo(2);
        assertThat(historyRequests().stream().map(r -> r.getHeaders().get(HttpHeaders.AUTHORIZATION)).distinct())
                .as("two keys, two tokens").hasSize(2);
    }

    @Test
    void aTokenIsNeverCachedBeyondItsExpiry() {
        AUTH_SERVER.exchangedTokenLifetime(Duration.ofSeconds(31)); // minus the 30 s margin: cached for 1 s at most
        FakeAuthService.Key key = AUTH_SERVER.newKey("full");
        int exchangesBefore = AUTH_SERVER.exchanges();

        client.get().uri("/api/history").header(API_KEY, key.value()).exchange().expectStatus().isOk();
        // Keep using the key: soon after its 1 s of caching (not the 2 min cache TTL) it is exchanged anew.
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    client.get().uri("/api/history").header(API_KEY, key.value()).exchange().expectStatus().isOk();
                    assertThat(AUTH_SERVER.exchanges() - exchangesBefore).isEqualTo(2);
                });
    }

    @Test
    void aReadKeyMayOnlyGetOrHead() {
        FakeAuthService.Key key = AUTH_SERVER.newKey("read");

        client.get().uri("/api/history").header(API_KEY, key.value()).exchange().expectStatus().isOk();
        client.head().uri("/api/history").header(API_KEY, key.value()).exchange().expectStatus().isOk();
        assertThat(historyRequests()).hasSize(2);

        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
            client.method(method).uri("/api/screener/runs").header(API_KEY, key.value())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(403)
                    .jsonPath("$.code").isEqualTo("FORBIDDEN")
                    .jsonPath("$.detail").isEqualTo("This API key is read-only: only GET and HEAD requests are allowed");
        }
        assertThat(apiCalls(AGENT_1, AGENT_2)).as("no write reached the service").isZero();
        management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(metrics -> assertThat(metrics).containsPattern(
                        "stockradar_gateway_api_key_requests_total\\{[^}]*outcome=\"read_only\"[^}]*} [4-9]"));
    }

    @Test
    void aFullKeyMayWrite() {
        FakeAuthService.Key key = AUTH_SERVER.newKey("full");

        client.post().uri("/api/screener/runs").header(API_KEY, key.value())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isOk();

        assertThat(AGENT_1.count("POST") + AGENT_2.count("POST")).isEqualTo(1);
    }

    @Test
    void anUnknownKeyIs401AndNoServiceIsCalled() {
        FakeAuthService.Key revoked = AUTH_SERVER.newKey("full");
        AUTH_SERVER.revoke(revoked);
        int exchangesBefore = AUTH_SERVER.exchanges();

        for (String key : List.of(revoked.value(), "sr_unknown_" + "x".repeat(43))) {
            unauthorized(client.get().uri("/api/history").header(API_KEY, key).exchange(),
                    "The API key is invalid or has been revoked");
            unauthorized(client.get().uri("/api/history").header(API_KEY, key).exchange(),
                    "The API key is invalid or has been revoked");
        }

        assertThat(AUTH_SERVER.exchanges() - exchangesBefore).as("refusals are not cached").isEqualTo(4);
        assertThat(apiCalls(ALL.toArray(Backend[]::new))).isZero();
        unauthorized(client.get().uri("/api/history").header(API_KEY, "k".repeat(300)).exchange(),
                "The API key is invalid or has been revoked");
        assertThat(AUTH_SERVER.exchanges() - exchangesBefore).as("an absurdly long key is not even sent").isEqualTo(4);
    }

    @Test
    void whenAuthServiceCannotBeAskedTheAnswerIs503AndNotALie() {
        client.get().uri("/api/history").header(API_KEY, AUTH_SERVER.newKey("full").value()).exchange()
                .expectStatus().isOk(); // the gateway holds a service token: the exchange itself fails below
        HISTORY_1.reset();
        HISTORY_2.reset();
        FakeAuthService.Key key = AUTH_SERVER.newKey("full");

        for (FakeAuthService.Mode mode : List.of(FakeAuthService.Mode.BROKEN_CONNECTION, FakeAuthService.Mode.SERVER_ERROR)) {
            AUTH_SERVER.mode(mode);
            client.get().uri("/api/history").header(API_KEY, key.value()).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code").isEqualTo("UNAVAILABLE")
                    .jsonPath("$.detail").isEqualTo("API keys cannot be checked right now; try again shortly");
        }
        assertThat(apiCalls(ALL.toArray(Backend[]::new))).isZero();

        AUTH_SERVER.mode(FakeAuthService.Mode.OK);
        client.get().uri("/api/history").header(API_KEY, key.value()).exchange()
                .expectStatus().isOk(); // the failure was not cached
    }

    @Test
    void aRefusedServiceTokenIsReplacedOnce() {
        FakeAuthService.Key key = AUTH_SERVER.newKey("full");
        client.get().uri("/api/history").header(API_KEY, AUTH_SERVER.newKey("full").value()).exchange()
                .expectStatus().isOk(); // the gateway holds a service token now
        int tokenRequestsBefore = AUTH_SERVER.tokenRequests();
        AUTH_SERVER.forgetServiceTokens();

        client.get().uri("/api/history").header(API_KEY, key.value()).exchange().expectStatus().isOk();
        client.get().uri("/api/history").header(API_KEY, AUTH_SERVER.newKey("read").value()).exchange()
                .expectStatus().isOk();

        assertThat(AUTH_SERVER.tokenRequests() - tokenRequestsBefore).isEqualTo(1);
    }

    @Test
    void anAuthorizationHeaderWinsAndTheKeyIsStillRemoved() {
        FakeAuthService.Key key = AUTH_SERVER.newKey("read");
        String token = TOKENS.valid();
        int exchangesBefore = AUTH_SERVER.exchanges();

        client.post().uri("/api/screener/runs").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header(API_KEY, key.value()).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isOk();

        assertThat(AUTH_SERVER.exchanges()).isEqualTo(exchangesBefore);
        RecordedRequest forwarded = Stream.concat(AGENT_1.requests().stream(), AGENT_2.requests().stream()).findFirst()
                .orElseThrow();
        assertThat(forwarded.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo(bearer(token));
        assertThat(forwarded.getHeaders().get(API_KEY)).isNull();
    }

    @Test
    void publicCallsIgnoreTheKeyAndDoNotForwardIt() {
        FakeAuthService.Key key = AUTH_SERVER.newKey("full");
        int exchangesBefore = AUTH_SERVER.exchanges();

        client.post().uri("/api/auth/login").header(API_KEY, key.value()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange()
                .expectStatus().isOk();

        assertThat(AUTH_SERVER.exchanges()).isEqualTo(exchangesBefore);
        assertThat(AUTH.requests()).singleElement().satisfies(r -> {
            assertThat(r.getHeaders().get(API_KEY)).isNull();
            assertThat(r.getHeaders().get(HttpHeaders.AUTHORIZATION)).isNull();
        });
    }

    private static List<RecordedRequest> historyRequests() {
        return Stream.concat(HISTORY_1.requests().stream(), HISTORY_2.requests().stream()).toList();
    }

    private static void unauthorized(WebTestClient.ResponseSpec response, String detail) {
        response.expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-API-Key\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.code").isEqualTo("UNAUTHORIZED")
                .jsonPath("$.detail").isEqualTo(detail);
    }
}
