package io.stockradar.history.config;

import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import io.stockradar.testsupport.Kafka;
import io.stockradar.testsupport.Postgres;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness includes what the service cannot work without (PostgreSQL); Kafka only feeds history, so a broker
 * outage leaves it ready, named in /actuator/health and at 0 in {@code stockradar_dependency_up}. Liveness never
 * depends on either.
 */
class DependencyHealthIntegrationTests extends HistoryIntegrationTestSupport {

    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final Postgres postgres = SharedInfrastructure.postgres();
    private final Kafka kafka = SharedInfrastructure.kafka();

    @LocalServerPort
    int port;

    @AfterEach
    void restore() {
        postgres.acceptConnections("history");
        if (!kafka.isRunning()) {
            kafka.start();
        }
        await().atMost(OUTAGE_NOTICED).until(() -> get("/actuator/health").statusCode() == 200);
    }

    @Test
    void withoutPostgresTheInstanceIsNotReadyButStaysLive() {
        postgres.refuseConnections("history");

        await().atMost(OUTAGE_NOTICED).until(() -> get("/actuator/health/readiness").statusCode() == 503);
        assertThat(TestEvents.JSON.readTree(get("/actuator/health/readiness").body())
                .get("components").get("db").get("status").asString()).isEqualTo("DOWN");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(dependencyUp("db")).contains("required=\"true\"").endsWith(" 0.0");

        postgres.acceptConnections("history");
        await().atMost(OUTAGE_NOTICED).until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    @Test
    void withoutKafkaTheInstanceStaysReadyAndSaysWhatIsDown() {
        assertThat(dependencyUp("kafka")).contains("required=\"false\"").endsWith(" 1.0");
        kafka.stop();

        await().atMost(OUTAGE_NOTICED).until(() -> "DOWN".equals(component("kafka")));
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(dependencyUp("kafka")).contains("required=\"false\"").endsWith(" 0.0");
        assertThat(dependencyUp("db")).contains("required=\"true\"").endsWith(" 1.0");

        kafka.start();
        await().atMost(OUTAGE_NOTICED).until(() -> dependencyUp("kafka").endsWith(" 1.0"));
    }

    private String component(String name) {
        return TestEvents.JSON.readTree(get("/actuator/health").body()).get("components").get(name).get("status")
                .asString();
    }

    /** The {@code stockradar_dependency_up} sample of {@code dependency}, as scraped. */
    private String dependencyUp(String dependency) {
        return get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("stockradar_dependency_up{") && line.contains("dependency=\"" + dependency + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no stockradar_dependency_up for " + dependency));
    }

    private HttpResponse<String> get(String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
