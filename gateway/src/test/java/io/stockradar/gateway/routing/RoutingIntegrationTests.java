package io.stockradar.gateway.routing;

import io.stockradar.gateway.support.Backend;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import io.stockradar.gateway.support.RawHttp;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingIntegrationTests extends GatewayIntegrationTest {

    @LocalServerPort
    int port;

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("/api/auth/me", List.of(AUTH)),
                Arguments.of("/.well-known/openid-configuration", List.of(AUTH)),
                Arguments.of("/api/market/regime?market=KR", List.of(AGENT_1, AGENT_2)),
                Arguments.of("/api/market/sectors?market=US", List.of(AGENT_1, AGENT_2)),
                Arguments.of("/api/market/quote/005930.KS", List.of(MARKET_1, MARKET_2)),
                Arguments.of("/api/market/regimes", List.of(MARKET_1, MARKET_2)),
                Arguments.of("/api/market/search?q=%EC%82%BC%EC%84%B1", List.of(MARKET_1, MARKET_2)),
                Arguments.of("/api/analysis/AAPL", List.of(AGENT_1, AGENT_2)),
                Arguments.of("/api/screener/presets", List.of(AGENT_1, AGENT_2)),
                Arguments.of("/api/history?limit=5", List.of(HISTORY_1, HISTORY_2)),
                Arguments.of("/api/history/runs/42/export", List.of(HISTORY_1, HISTORY_2)));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void routesEachPathToItsServiceWithPathQueryAndAuthorizationIntact(String target, List<Backend> expected) {
        String authorization = bearer(TOKENS.valid());

        RawHttp.Answer answer = RawHttp.send(port, "GET", target, authorization);

        assertThat(answer.status()).isEqualTo(200);
        List<RecordedRequest> seen = expected.stream().flatMap(b -> b.requests().stream()).toList();
        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst().getTarget()).isEqualTo(target);
        assertThat(seen.getFirst().getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo(authorization);
        assertThat(apiCalls(ALL.toArray(Backend[]::new))).as("no other service was called").isEqualTo(1);
        // the serving instance's own X-Served-By reaches the client untouched
        assertThat(expected.stream().anyMatch(b -> answer.hasHeader("X-Served-By", b.name()))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/signup", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout"})
    void publicAuthCallsNeedNoToken(String path) {
        client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"username\":\"alice\"}")
                .exchange()
                .expectStatus().isOk();

        assertThat(AUTH.requests()).singleElement()
                .satisfies(r -> assertThat(r.getTarget()).isEqualTo(path))
                .satisfies(r -> assertThat(r.getBody().utf8()).isEqualTo("{\"username\":\"alice\"}"));
    }

    @Test
    void aStaleTokenDoesNotBlockLogin() {
        client.post().uri("/api/auth/login")
                .header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.with(c -> c.expirationTime(new java.util.Date(0)))))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isOk();

        assertThat(AUTH.count("POST")).isEqualTo(1);
    }

    @Test
    void otherAuthCallsAreNotPublic() {
        client.get().uri("/api/auth/me").exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/auth/login").exchange().expectStatus().isUnauthorized();

        assertThat(AUTH.requests()).isEmpty();
    }

    @Test
    void legitimatelyEncodedPathsAreForwardedAsSent() {
        RawHttp.Answer answer = RawHttp.send(port, "GET", "/api/market/quote/%5EKS11", bearer(TOKENS.valid()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(Stream.concat(MARKET_1.requests().stream(), MARKET_2.requests().stream()))
                .singleElement()
                .satisfies(r -> assertThat(r.getTarget()).isEqualTo("/api/market/quote/%5EKS11"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/internal/universes/KOSPI200",
            "/internal",
            "/INTERNAL/universes/KOSPI200",
            "/%69nternal/universes/KOSPI200",
            "/%2Finternal/universes/KOSPI200",
            "//internal/universes/KOSPI200",
            "/api/../internal/universes/KOSPI200",
            "/api/market/../../internal/universes/KOSPI200",
            "/api/market/./../../internal/universes/KOSPI200",
            "/api/market/%2e%2e/%2e%2e/internal/universes/KOSPI200",
            "/api/market/%2E%2E/%2E%2E/internal/universes/KOSPI200",
            "/api/market/..%2F..%2Finternal/universes/KOSPI200",
            "/api/market/%2e%2e%2f%2e%2e%2finternal/universes/KOSPI200",
            "/api/market/%252e%252e/%252e%252e/internal/universes/KOSPI200",
            "/api/market/..;/..;/internal/universes/KOSPI200",
            "/api/market/..%3B/..%3B/internal/universes/KOSPI200",
            "/api/market/..%5C..%5Cinternal/universes/KOSPI200",
            "/api/market/quote%2F..%2F..%2F..%2Finternal%2Funiverses%2FKOSPI200",
            "/api/market/%2Finternal/universes/KOSPI200",
            "/api/market;x=1/../../internal/universes/KOSPI200",
    })
    void internalPathsAreNeverRoutedHoweverSpelled(String target) {
        for (String method : List.of("GET", "POST")) {
            RawHttp.Answer answer = RawHttp.send(port, method, target, bearer(TOKENS.valid()));

            assertThat(answer.status()).as(method + " " + target).isEqualTo(404);
            assertThat(answer.hasHeader("Content-Type", "application/problem+json")).isTrue();
            assertThat(answer.body()).contains("\"code\":\"NOT_FOUND\"").contains("\"status\":404");
        }
        assertThat(apiCalls(ALL.toArray(Backend[]::new))).as("no service saw " + target).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/api/unknown", "/api/marketdata/quote/AAPL", "/apix/market/quote/AAPL"})
    void unknownPathsAre404Problems(String path) {
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.valid()))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://stockradar.io/problems/not-found")
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.code").isEqualTo("NOT_FOUND")
                .jsonPath("$.detail").isNotEmpty();

        assertThat(apiCalls(ALL.toArray(Backend[]::new))).isZero();
    }
}
