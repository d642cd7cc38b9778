package io.stockradar.gateway.security;

import io.stockradar.gateway.support.Backend;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JwtValidationIntegrationTests extends GatewayIntegrationTest {

    static Stream<Arguments> rejectedTokens() {
        Date past = Date.from(Instant.now().minusSeconds(600));
        Date future = Date.from(Instant.now().plusSeconds(600));
        return Stream.of(
                Arguments.of("tampered payload", TOKENS.tampered()),
                Arguments.of("expired", TOKENS.with(c -> c.issueTime(Date.from(Instant.now().minusSeconds(3600)))
                        .notBeforeTime(Date.from(Instant.now().minusSeconds(3600))).expirationTime(past))),
                Arguments.of("not yet valid", TOKENS.with(c -> c.notBeforeTime(future))),
                Arguments.of("wrong issuer", TOKENS.with(c -> c.issuer("https://evil.example"))),
                Arguments.of("no issuer", TOKENS.with(c -> c.issuer(null))),
                Arguments.of("wrong audience", TOKENS.with(c -> c.audience(List.of("another-api")))),
                Arguments.of("no audience", TOKENS.with(c -> c.audience((String) null))),
                Arguments.of("alg none", TOKENS.unsigned()),
                Arguments.of("HS256 signed with the public key", TOKENS.hs256WithPublicKey()),
                Arguments.of("unknown kid", TOKENS.signedWithUnknownKey()),
                Arguments.of("not a JWT", "abc.def.ghi"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void rejectsBadTokensWithProblemAndNeverCallsTheService(String why, String token) {
        unauthorized(client.get().uri("/api/analysis/AAPL").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange(),
                "Bearer error=\"invalid_token\".*", "The access token is invalid or expired");

        assertThat(apiCalls(ALL.toArray(Backend[]::new))).isZero();
    }

    @Test
    void rejectsMissingTokenWithProblem() {
        unauthorized(client.get().uri("/api/history").exchange(), "Bearer", "A valid access token is required");
        unauthorized(client.post().uri("/api/screener/runs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange(), "Bearer", "A valid access token is required");

        assertThat(apiCalls(ALL.toArray(Backend[]::new))).isZero();
    }

    @Test
    void rejectsNonBearerSchemes() {
        unauthorized(client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, "Basic YWxpY2U6c2VjcmV0").exchange(),
                "Bearer", "A valid access token is required");

        assertThat(apiCalls(ALL.toArray(Backend[]::new))).isZero();
    }

    @Test
    void acceptsValidTokenAndPassesItOn() {
        String token = TOKENS.valid();

        client.get().uri("/api/history/runs/7").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().isOk();

        assertThat(Stream.concat(HISTORY_1.requests().stream(), HISTORY_2.requests().stream()))
                .singleElement()
                .satisfies(r -> assertThat(r.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo(bearer(token)));
    }

    @Test
    void whenTheKeysCannotBeFetchedTheGatewayAnswers503NotALie() {
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.valid()))
                .exchange().expectStatus().isOk(); // the published key is cached from here on
        JWKS_STATUS.set(500);

        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.valid()))
                .exchange().expectStatus().isOk();
        // An unknown key makes the gateway fetch the keys again once the minimum refresh interval has passed since
        // the last fetch (another test may just have fetched): until then such a token is simply 401.
        await().atMost(JWKS_MIN_REFRESH.multipliedBy(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.signedWithUnknownKey()))
                        .exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody().jsonPath("$.code").isEqualTo("UNAVAILABLE"));

        assertThat(HISTORY_1.requests().size() + HISTORY_2.requests().size()).isEqualTo(2);
    }

    @Test
    void tokensWithRandomKeyIdsCannotMakeTheGatewayFetchTheKeysForEach() {
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.valid()))
                .exchange().expectStatus().isOk();
        int fetchesBefore = JWKS_REQUESTS.get();
        long start = System.nanoTime();

        for (int i = 0; i < 20; i++) {
            client.get().uri("/api/history")
                    .header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.signedWithUnknownKey("random-" + UUID.randomUUID())))
                    .exchange()
                    .expectStatus().isUnauthorized();
        }

        // One fetch per started interval at most (the first may fall due at once): not one per token.
        long intervals = Duration.ofNanos(System.nanoTime() - start).toMillis() / JWKS_MIN_REFRESH.toMillis() + 1;
        assertThat(JWKS_REQUESTS.get() - fetchesBefore).isLessThanOrEqualTo((int) Math.min(intervals, 19));
        // The published key still works throughout.
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.valid()))
                .exchange().expectStatus().isOk();
    }

    private static void unauthorized(WebTestClient.ResponseSpec response, String wwwAuthenticate, String detail) {
        response.expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://stockradar.io/problems/unauthorized")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isEqualTo(detail)
                .jsonPath("$.code").isEqualTo("UNAUTHORIZED");
    }
}
