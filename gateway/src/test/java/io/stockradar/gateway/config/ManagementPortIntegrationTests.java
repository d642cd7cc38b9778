package io.stockradar.gateway.config;

import io.stockradar.gateway.support.Backend;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator lives on the management port only (issue 19, issue 20 item 7): on the public port every
 * {@code /actuator/**} path is an unknown path, 404 problem+json, with or without an admin's token; on the management
 * port the probes, health with its components, and scraping answer without a token (only the monitoring namespace and
 * the kubelet can reach that port: k8s/components/network-policies).
 */
class ManagementPortIntegrationTests extends GatewayIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
            "/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/info",
            "/actuator/gateway/routes", "/actuator/env"})
    void onThePublicPortTheActuatorIsAnUnknownPath(String path) {
        String admin = bearer(TOKENS.with(c -> c.claim("roles", List.of("USER", "ADMIN"))));
        notFound(client.get().uri(path).exchange());
        notFound(client.get().uri(path).header(HttpHeaders.AUTHORIZATION, admin).exchange());
        assertThat(apiCalls(ALL.toArray(Backend[]::new))).as("no service saw " + path).isZero();
    }

    @Test
    void onTheManagementPortProbesHealthAndScrapingWork() {
        WebTestClient management = management();
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.redis.status").isEqualTo("UP");
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("jvm_memory_used_bytes").contains("stockradar_dependency_up{"));
    }

    @Test
    void onTheManagementPortMetricsNeedNoTokenAndTheGatewayEndpointIsNotExposed() {
        WebTestClient management = management();
        management.get().uri("/actuator/metrics").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.names").isArray();
        management.get().uri("/actuator/gateway/routes").exchange().expectStatus().isNotFound();
        management.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
    }

    private static void notFound(WebTestClient.ResponseSpec response) {
        response.expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.code").isEqualTo("NOT_FOUND");
    }
}
