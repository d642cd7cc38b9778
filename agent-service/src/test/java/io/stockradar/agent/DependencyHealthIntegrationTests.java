package io.stockradar.agent;

import io.stockradar.testsupport.Kafka;
import io.stockradar.testsupport.Postgres;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness includes what the service cannot work without (PostgreSQL); what it degrades without (Kafka: work waits
 * in the outbox; Redis: analyses are computed, not cached) leaves it ready, named in /actuator/health and at 0 in
 * {@code stockradar_dependency_up}. Liveness never depends on either.
 */
class DependencyHealthIntegrationTests extends IntegrationTestSupport {

    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(60);

    private final Postgres postgres = SharedInfrastructure.postgres();
    private final Kafka kafka = SharedInfrastructure.kafka();

    @AfterEach
    void restore() {
        postgres.acceptConnections("agent");
        if (!kafka.isRunning()) {
            kafka.start();
        }
        await().atMost(OUTAGE_NOTICED).until(() -> status("/actuator/health") == 200);
    }

    @Test
    void withoutPostgresTheInstanceIsNotReadyButStaysLive() {
        postgres.refuseConnections("agent");

        await().atMost(OUTAGE_NOTICED).until(() -> status("/actuator/health/readiness") == 503);
        assertThat(json("/actuator/health/readiness").get("components").get("db").get("status").asString())
                .isEqualTo("DOWN");
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        assertThat(dependencyUp("db")).contains("required=\"true\"").endsWith(" 0.0");

        postgres.acceptConnections("agent");
        await().atMost(OUTAGE_NOTICED).until(() -> status("/actuator/health/readiness") == 200);
    }

    @Test
    void withoutKafkaTheInstanceStaysReadyAndSaysWhatIsDown() {
        assertThat(dependencyUp("kafka")).contains("required=\"false\"").endsWith(" 1.0");
        kafka.stop();

        await().atMost(OUTAGE_NOTICED).until(() -> "DOWN".equals(component("kafka")));
        assertThat(status("/actuator/health/readiness")).isEqualTo(200);
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        assertThat(dependencyUp("kafka")).contains("required=\"false\"").endsWith(" 0.0");
        assertThat(dependencyUp("db")).contains("required=\"true\"").endsWith(" 1.0");
        assertThat(dependencyUp("redis")).contains("required=\"false\"").endsWith(" 1.0");

        kafka.start();
        await().atMost(OUTAGE_NOTICED).until(() -> dependencyUp("kafka").endsWith(" 1.0"));
    }

    private int status(String path) {
        return api().get().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
    }

    private JsonNode json(String path) {
        ResponseEntity<String> response = api().get().uri(path).retrieve().toEntity(String.class);
        return JsonMapper.shared().readTree(response.getBody());
    }

    private String component(String name) {
        return json("/actuator/health").get("components").get(name).get("status").asString();
    }

    /** The {@code stockradar_dependency_up} sample of {@code dependency}, as scraped. */
    private String dependencyUp(String dependency) {
        return api().get().uri("/actuator/prometheus").retrieve().body(String.class).lines()
                .filter(line -> line.startsWith("stockradar_dependency_up{") && line.contains("dependency=\"" + dependency + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no stockradar_dependency_up for " + dependency));
    }
}
