package io.stockradar.gateway.loadbalancing;

import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * history-service runs twice and one instance dies for good (its port refuses connections). Its
 * health check (once an hour in tests) has not noticed yet: this is the window between two probes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstanceFailoverIntegrationTests extends GatewayIntegrationTest {

    private final String token = bearer(TOKENS.valid());

    @Autowired
    UnreachableInstances unreachableInstances;

    @Test
    @Order(1)
    void everyGetSucceedsWhileOneOfTwoInstancesIsDown() throws Exception {
        assertThat(Set.of(servedBy(get("/api/history")), servedBy(get("/api/history"))))
                .as("precondition: both instances are in rotation")
                .containsExactlyInAnyOrder(HISTORY_1.name(), HISTORY_2.name());
        HISTORY_1.reset();
        HISTORY_2.stop();

        // a concurrent burst first: many requests pick the dead instance before it is quarantined,
        // and each must be retried on the OTHER instance, not handed to round robin again
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> get("/api/history?limit=5").getStatus().value()));
            }
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
        }
        for (int i = 0; i < 10; i++) {
            statuses.add(get("/api/history/runs/" + i).getStatus().value());
        }

        assertThat(statuses).hasSize(50).containsOnly(200);
        assertThat(HISTORY_1.count("GET")).isEqualTo(50);
    }

    @Test
    @Order(2)
    void postIsNotRetriedWhenItsInstanceRefusesTheConnection() {
        HISTORY_2.stop();
        // let the 1 s quarantine of the dead instance (from the test before) run out
        URI dead = URI.create(HISTORY_2.uri());
        ServiceInstance deadInstance = new DefaultServiceInstance("history-2", "history-service", dead.getHost(),
                dead.getPort(), false);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> !unreachableInstances.isQuarantined(deadInstance));

        List<EntityExchangeResult<String>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(client.post().uri("/api/history/runs").header(HttpHeaders.AUTHORIZATION, token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"n\":" + i + "}")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult());
        }

        List<EntityExchangeResult<String>> failed = results.stream().filter(r -> r.getStatus().value() != 200).toList();
        assertThat(failed).as("round robin sent exactly one POST to the dead instance, then quarantined it")
                .singleElement()
                .satisfies(r -> assertThat(r.getStatus().value()).isEqualTo(503))
                .satisfies(r -> assertThat(r.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON))
                .satisfies(r -> assertThat(r.getResponseBody()).contains("\"code\":\"UNAVAILABLE\""));
        assertThat(HISTORY_1.count("POST")).as("the failed POST was not re-sent to the live instance").isEqualTo(3);
    }

    private static String servedBy(EntityExchangeResult<byte[]> result) {
        return result.getResponseHeaders().getFirst("X-Served-By");
    }

    private EntityExchangeResult<byte[]> get(String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, token).exchange().expectBody().returnResult();
    }
}
