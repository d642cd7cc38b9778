package io.stockradar.auth.config;

import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import io.stockradar.testsupport.Postgres;
import io.stockradar.testsupport.Redis;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness includes what the service cannot work without (PostgreSQL); what it degrades without (Redis, Kafka)
 * leaves it ready, named in /actuator/health and at 0 in {@code stockradar_dependency_up}. Liveness never
 * depends on either.
 */
class DependencyHealthIntegrationTests extends AuthServiceIntegrationTest {

    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(60);

    private final Postgres postgres = SharedInfrastructure.postgres();
    private final Redis redis = SharedInfrastructure.redis();

    @AfterEach
    void restore() {
        postgres.acceptConnections("auth");
        if (!redis.isRunning()) {
            redis.start();
        }
        await().atMost(OUTAGE_NOTICED).until(() -> api().get("/actuator/health").status() == 200);
    }

    @Test
    void withoutPostgresTheInstanceIsNotReadyButStaysLive() {
        postgres.refuseConnections("auth");

        await().atMost(OUTAGE_NOTICED).until(() -> api().get("/actuator/health/readiness").status() == 503);
        AuthApi.Response readiness = api().get("/actuator/health/readiness");
        assertThat(readiness.json().get("components").get("db").get("status").asString()).isEqualTo("DOWN");
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(dependencyUp("db")).contains("required=\"true\"").endsWith(" 0.0");

        postgres.acceptConnections("auth");
        await().atMost(OUTAGE_NOTICED).until(() -> api().get("/actuator/health/readiness").status() == 200);
    }

    @Test
    void withoutRedisTheInstanceStaysReadyAndSaysWhatIsDown() {
        assertThat(dependencyUp("redis")).contains("required=\"false\"").endsWith(" 1.0");
        redis.stop();

        await().atMost(OUTAGE_NOTICED).until(() -> "DOWN".equals(component("redis")));
        assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(dependencyUp("redis")).contains("required=\"false\"").endsWith(" 0.0");
        assertThat(dependencyUp("db")).contains("required=\"true\"").endsWith(" 1.0");
        assertThat(dependencyUp("kafka")).contains("required=\"false\"").endsWith(" 1.0");

        redis.start();
        await().atMost(OUTAGE_NOTICED).until(() -> dependencyUp("redis").endsWith(" 1.0"));
    }

    private String component(String name) {
        return api().get("/actuator/health").json().get("components").get(name).get("status").asString();
    }

    /** The {@code stockradar_dependency_up} sample of {@code dependency}, as scraped. */
    private String dependencyUp(String dependency) {
        return api().get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("stockradar_dependency_up{") && line.contains("dependency=\"" + dependency + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no stockradar_dependency_up for " + dependency));
    }
}
