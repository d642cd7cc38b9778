package io.stockradar.history.config;

import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.util.Date;

/** Security, problem details and the operational endpoints, over real HTTP. */
class PlatformIntegrationTests extends HistoryIntegrationTestSupport {

    @Test
    void rejectsARequestWithoutTokenAsProblemJson() {
        http.get().uri("/api/history")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHORIZED").jsonPath("$.status").isEqualTo(401);
        http.get().uri("/api/history/runs/" + java.util.UUID.randomUUID())
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void rejectsTokensThatAreNotOursOrNoLongerValid() {
        String user = newUser();
        assertUnauthorized(TestJwts.tokenSignedByUnknownKey(user));
        assertUnauthorized(TestJwts.token(user, claims -> claims.audience("someone-else")));
        assertUnauthorized(TestJwts.token(user, claims -> claims.issuer("http://evil.example")));
        assertUnauthorized(TestJwts.token(user, claims -> claims
                .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(Date.from(Instant.now().minusSeconds(3600)))));
        assertUnauthorized("not-a-jwt");
    }

    /**
     * The OAuth2 client (for the market-data service token) must not turn the service into an OAuth2
     * login app: no login page, no authorization redirect, the API stays a bearer-token resource server.
     */
    @Test
    void theOAuth2ClientAddsNoLoginToTheResourceServer() {
        for (String path : java.util.List.of("/oauth2/authorization/market-data", "/login", "/login/oauth2/code/market-data")) {
            http.get().uri(path)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
        }
        http.get().uri("/api/history").header("Authorization", "Bearer " + TestJwts.token(newUser()))
                .exchange().expectStatus().isOk();
    }

    @Test
    void namesTheInstanceOnEveryResponse() {
        http.get().uri("/api/history")
                .exchange()
                .expectHeader().value("X-Served-By", value -> org.assertj.core.api.Assertions.assertThat(value)
                        .startsWith("history-service:"));
        http.get().uri("/api/history").header("Authorization", "Bearer " + TestJwts.token(newUser()))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().exists("X-Served-By");
    }

    @Test
    void exposesProbesMetricsAndApiDocsWithoutAToken() {
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("hikaricp_connections").contains("application=\"history-service\""));
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/history']").exists()
                .jsonPath("$.paths['/api/history/runs/{runId}']").exists();
    }

    @Test
    void keepsOtherActuatorEndpointsForAdmins() {
        http.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/metrics").header("Authorization", "Bearer " + TestJwts.token(newUser()))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/actuator/env").header("Authorization", "Bearer " + TestJwts.token(newUser(),
                        claims -> claims.claim("roles", java.util.List.of("ADMIN"))))
                .exchange().expectStatus().isNotFound();
    }

    private void assertUnauthorized(String token) {
        http.get().uri("/api/history").header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHORIZED");
    }
}
