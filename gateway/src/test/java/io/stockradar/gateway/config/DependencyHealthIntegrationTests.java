package io.stockradar.gateway.config;

import io.stockradar.gateway.support.GatewayIntegrationTest;
import io.stockradar.testsupport.Redis;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway has no dependency it cannot serve without: a Redis outage (rate limits and the revoked-token check
 * fail open) leaves it ready, names Redis in /actuator/health (on the management port) and sets {@code stockradar_dependency_up} to 0.
 */
class DependencyHealthIntegrationTests extends GatewayIntegrationTest {

    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(60);

    private final Redis redis = SharedInfrastructure.redis();

    @AfterEach
    void restore() {
        if (!redis.isRunning()) {
            redis.start();
        }
    }

    @Test
    void withoutRedisTheGatewayStaysReadyAndSaysWhatIsDown() {
        assertThat(dependencyUp("redis")).contains("required=\"false\"").endsWith(" 1.0");
        redis.stop();

        await().atMost(OUTAGE_NOTICED).until(() -> "DOWN".equals(component("redis")));
        assertThat(get("/actuator/health/readiness").getStatus().value()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").getStatus().value()).isEqualTo(200);
        assertThat(dependencyUp("redis")).contains("required=\"false\"").endsWith(" 0.0");

        redis.start();
        await().atMost(OUTAGE_NOTICED).until(() -> dependencyUp("redis").endsWith(" 1.0"));
    }

    private EntityExchangeResult<String> get(String path) {
        return management().get().uri(path).exchange().expectBody(String.class).returnResult();
    }

    private String component(String name) {
        return JsonMapper.shared().readTree(get("/actuator/health").getResponseBody()).get("components").get(name)
                .get("status").asString();
    }

    /** The {@code stockradar_dependency_up} sample of {@code dependency}, as scraped. */
    private String dependencyUp(String dependency) {
        return get("/actuator/prometheus").getResponseBody().lines()
                .filter(line -> line.startsWith("stockradar_dependency_up{") && line.contains("dependency=\"" + dependency + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no stockradar_dependency_up for " + dependency));
    }
}
