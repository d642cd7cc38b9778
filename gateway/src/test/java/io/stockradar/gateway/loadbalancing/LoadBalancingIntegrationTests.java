package io.stockradar.gateway.loadbalancing;

import io.stockradar.gateway.support.Backend;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LoadBalancingIntegrationTests extends GatewayIntegrationTest {

    private final String token = bearer(TOKENS.valid());

    @Test
    void roundRobinSpreadsRequestsOverBothInstances() {
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            servedBy.add(get("/api/analysis/AAPL").getResponseHeaders().getFirst("X-Served-By"));
        }

        assertThat(servedBy).containsExactlyInAnyOrder(AGENT_1.name(), AGENT_2.name());
        assertThat(AGENT_1.requests()).hasSize(5);
        assertThat(AGENT_2.requests()).hasSize(5);
    }

    @Test
    void getAnswered503IsRetriedOnTheOtherInstance() {
        AGENT_2.respondWith(503, null);

        for (int i = 0; i < 10; i++) {
            EntityExchangeResult<byte[]> result = get("/api/analysis/AAPL");
            assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(result.getResponseHeaders().getFirst("X-Served-By")).isEqualTo(AGENT_1.name());
        }
        assertThat(AGENT_2.requests()).as("the failing instance was tried").isNotEmpty();
        assertThat(AGENT_1.requests()).as("every request succeeded there exactly once").hasSize(10);
    }

    @Test
    void getOnBrokenConnectionIsRetriedOnTheOtherInstance() {
        AGENT_1.mode(Backend.Mode.BROKEN_CONNECTION);

        for (int i = 0; i < 10; i++) {
            EntityExchangeResult<byte[]> result = get("/api/screener/presets");
            assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(result.getResponseHeaders().getFirst("X-Served-By")).isEqualTo(AGENT_2.name());
        }
        assertThat(AGENT_1.requests()).isNotEmpty();
    }

    @Test
    void postIsNeverRetriedAndADownstreamProblemPassesThroughUnchanged() {
        AGENT_2.respondWith(503, "POST");
        List<Integer> statuses = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            client.post().uri("/api/screener/runs").header(HttpHeaders.AUTHORIZATION, token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"universe\":\"KOSPI200\"}")
                    .exchange()
                    .expectBody(String.class)
                    .consumeWith(result -> {
                        statuses.add(result.getStatus().value());
                        if (result.getStatus().value() == 503) {
                            assertThat(result.getResponseHeaders().getContentType())
                                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                            assertThat(result.getResponseBody()).isEqualTo(
                                    "{\"type\":\"https://stockradar.io/problems/from-agent-service:2\",\"title\":\"Downstream\","
                                            + "\"status\":503,\"detail\":\"answered by agent-service:2\",\"code\":\"DOWNSTREAM\"}");
                        }
                    });
        }

        assertThat(AGENT_1.count("POST") + AGENT_2.count("POST")).as("each POST sent once").isEqualTo(6);
        assertThat(statuses.stream().filter(s -> s == 503).count()).isEqualTo(AGENT_2.count("POST")).isPositive();
        assertThat(AGENT_2.requests()).allSatisfy(r -> assertThat(r.getBody().utf8()).isEqualTo("{\"universe\":\"KOSPI200\"}"));
    }

    @Test
    void serverErrorsOtherThan502And503AreNotRetried() {
        AGENT_2.respondWith(500, null);
        int failures = 0;

        for (int i = 0; i < 6; i++) {
            if (get("/api/analysis/AAPL").getStatus().value() == 500) {
                failures++;
            }
        }

        assertThat(AGENT_1.requests().size() + AGENT_2.requests().size()).isEqualTo(6);
        assertThat(failures).isEqualTo(AGENT_2.requests().size()).isPositive();
    }

    @Test
    void slowServiceGives504ProblemWithoutRetry() {
        AGENT_1.mode(Backend.Mode.SLOW);
        AGENT_2.mode(Backend.Mode.SLOW);

        client.get().uri("/api/analysis/AAPL").header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.code").isEqualTo("GATEWAY_TIMEOUT");

        assertThat(AGENT_1.requests().size() + AGENT_2.requests().size()).isEqualTo(1);
    }

    private EntityExchangeResult<byte[]> get(String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectBody()
                .returnResult();
    }
}
