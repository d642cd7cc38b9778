package io.stockradar.marketdata.config;

import io.stockradar.marketdata.IntegrationTestSupport;
import io.stockradar.testsupport.Redis;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis is a cache: while it is down the instance stays ready (readiness is the market data itself), and Redis is
 * named DOWN in /actuator/health and at 0 in {@code stockradar_dependency_up}.
 */
class DependencyHealthIntegrationTests extends IntegrationTestSupport {

    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(60);

    private final Redis redis = SharedInfrastructure.redis();

    @AfterEach
    void restore() {
        if (!redis.isRunning()) {
            redis.start();
        }
    }

    @Test
    void withoutRedisTheInstanceStaysReadyAndSaysWhatIsDown() throws Exception {
        assertThat(dependencyUp("redis")).contains("required=\"false\"").endsWith(" 1.0");
        assertThat(dependencyUp("marketData")).contains("required=\"true\"").endsWith(" 1.0");
        redis.stop();

        await().atMost(OUTAGE_NOTICED).until(() -> "DOWN".equals(component("redis")));
        assertThat(get("/actuator/health/readiness").getStatus()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").getStatus()).isEqualTo(200);
        assertThat(dependencyUp("redis")).contains("required=\"false\"").endsWith(" 0.0");
        assertThat(dependencyUp("marketData")).contains("required=\"true\"").endsWith(" 1.0");

        redis.start();
        await().atMost(OUTAGE_NOTICED).until(() -> dependencyUp("redis").endsWith(" 1.0"));
    }

    private MockHttpServletResponse get(String path) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path))
                .andReturn().getResponse();
    }

    private String component(String name) throws Exception {
        return JsonMapper.shared().readTree(get("/actuator/health").getContentAsString()).get("components").get(name)
                .get("status").asString();
    }

    /** The {@code stockradar_dependency_up} sample of {@code dependency}, as scraped. */
    private String dependencyUp(String dependency) throws Exception {
        return get("/actuator/prometheus").getContentAsString().lines()
                .filter(line -> line.startsWith("stockradar_dependency_up{") && line.contains("dependency=\"" + dependency + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no stockradar_dependency_up for " + dependency));
    }
}
