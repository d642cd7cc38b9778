package io.stockradar.auth.config;

import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.config.observation.SecurityObservationSettings;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsIntegrationTests extends AuthServiceIntegrationTest {

    @Autowired
    SecurityObservationSettings securityObservations;

    @Autowired
    ClientResources redisClientResources;

    /**
     * Requests are observed once (http.server.requests), not once per security filter, and Redis commands not at all:
     * both cost measurable CPU per sign-in (bench/auth). The management.observations property would only turn the
     * per-filter observations into no-ops around each filter; the settings bean stops the wrapping (the gateway's
     * ObservationIntegrationTests checks the chain itself: this test context's registry is not decorated either way).
     */
    @Test
    void requestsAreObservedOnceNotPerSecurityFilterOrRedisCommand() {
        assertThat(securityObservations.shouldObserveRequests()).isFalse();
        assertThat(securityObservations.shouldObserveAuthentications()).isFalse();
        assertThat(securityObservations.shouldObserveAuthorizations()).isFalse();
        assertThat(redisClientResources.tracing().isEnabled()).isFalse();

        api().get("/api/auth/me");
        assertThat(api().get("/actuator/prometheus").body()).contains("http_server_requests_seconds_count{");
    }

    @Test
    void healthProbesArePublicAndUp() {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            AuthApi.Response response = api().get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.json().get("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void readinessIncludesTheDatabase() {
        AuthApi.Response response = api().get("/actuator/health/readiness");

        assertThat(response.body()).contains("\"db\"");
    }

    @Test
    void prometheusMetricsArePublic() {
        AuthApi.Response response = api().get("/actuator/prometheus");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections")
                .contains("stockradar_auth_logins_total").contains("stockradar_auth_refresh_reuse_total")
                .contains("stockradar_auth_login_throttled_total").contains("stockradar_auth_outbox_published_total");
    }

    @Test
    void otherActuatorEndpointsNeedAToken() {
        AuthApi.Response response = api().get("/actuator/metrics");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(api().get("/actuator/env").status()).isIn(401, 404);
    }

    @Test
    void openApiDescribesTheAuthEndpoints() {
        AuthApi.Response response = api().get("/v3/api-docs");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("paths").has("/api/auth/signup")).isTrue();
        assertThat(response.json().get("paths").has("/api/auth/login")).isTrue();
        assertThat(response.json().get("paths").has("/.well-known/jwks.json")).isTrue();
        assertThat(response.json().get("paths").has("/api/auth/me/password")).isTrue();
        assertThat(response.json().get("paths").has("/api/auth/admin/users")).isTrue();
        assertThat(response.json().get("paths").has("/oauth2/token")).isTrue();
    }

    @Test
    void everyResponseNamesTheInstance() {
        assertThat(api().get("/actuator/health").header("X-Served-By")).startsWith("auth-service:");
        assertThat(api().get("/api/auth/me").header("X-Served-By")).startsWith("auth-service:");
    }

    @Test
    void unknownPathsNeedAToken() {
        AuthApi.Response response = api().get("/api/auth/nothing-here");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("UNAUTHORIZED");
    }
}
