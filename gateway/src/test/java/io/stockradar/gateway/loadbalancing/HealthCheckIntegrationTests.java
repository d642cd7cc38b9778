package io.stockradar.gateway.loadbalancing;

import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** market-data-service's instances are probed on /actuator/health/readiness every 250 ms in tests. */
class HealthCheckIntegrationTests extends GatewayIntegrationTest {

    private final String token = bearer(TOKENS.valid());

    @AfterEach
    void bothInstancesBackInRotation() {
        MARKET_1.ready(true);
        MARKET_2.ready(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> servedByOverTenRequests().size() == 2);
    }

    @Test
    void anInstanceThatIsNotReadyLeavesTheRotationAndComesBack() {
        MARKET_2.ready(false);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> servedByOverTenRequests().equals(Set.of(MARKET_1.name())));
        MARKET_2.reset();
        MARKET_2.ready(false);

        for (int i = 0; i < 10; i++) {
            client.post().uri("/api/market/bars").header(HttpHeaders.AUTHORIZATION, token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"symbols\":[\"AAPL\"]}")
                    .exchange().expectStatus().isOk();
        }
        assertThat(MARKET_2.requests()).as("not even a POST goes to an instance that is not ready").isEmpty();
        assertThat(MARKET_2.healthChecks()).isPositive();

        MARKET_2.ready(true);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> servedByOverTenRequests().equals(Set.of(MARKET_1.name(), MARKET_2.name())));
    }

    @Test
    void whenNoInstancePassesItsHealthCheckTheGatewayStillTriesThemAll() {
        MARKET_1.ready(false);
        MARKET_2.ready(false);
        int checks = MARKET_1.healthChecks() + MARKET_2.healthChecks();
        await().atMost(Duration.ofSeconds(10)).until(() -> MARKET_1.healthChecks() + MARKET_2.healthChecks() > checks + 4);

        // a slow or flapping readiness probe must not switch the whole service off: both still serve
        await().atMost(Duration.ofSeconds(10))
                .until(() -> servedByOverTenRequests().equals(Set.of(MARKET_1.name(), MARKET_2.name())));
    }

    private Set<String> servedByOverTenRequests() {
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            EntityExchangeResult<byte[]> result = get("/api/market/quote/AAPL");
            if (result.getStatus().value() == 200) {
                servedBy.add(result.getResponseHeaders().getFirst("X-Served-By"));
            }
        }
        return servedBy;
    }

    private EntityExchangeResult<byte[]> get(String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, token).exchange().expectBody().returnResult();
    }
}
