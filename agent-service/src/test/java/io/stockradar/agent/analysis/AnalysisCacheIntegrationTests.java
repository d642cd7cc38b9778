package io.stockradar.agent.analysis;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stockradar.agent.IntegrationTestSupport;
import io.stockradar.agent.engine.EngineSettings;
import io.stockradar.agent.engine.ScreenerEngine;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * GET /api/analysis/{symbol} through the shared Redis cache: computed once per data, settings and 10 minutes.
 * The engine is a spy, which makes this a context of its own: closed afterwards, so its chunk consumers do not
 * stay in the {@code agent-service} group beside the shared context's.
 */
@DirtiesContext
class AnalysisCacheIntegrationTests extends IntegrationTestSupport {

    @MockitoSpyBean
    ScreenerEngine engine;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    EngineSettings settings;

    @BeforeEach
    void emptyCache() {
        Set<String> keys = redis.keys(AnalysisCache.PREFIX + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        clearInvocations(engine);
    }

    @AfterEach
    void redisIsBack() {
        if (!SharedInfrastructure.redis().isRunning()) {
            SharedInfrastructure.redis().start();
        }
    }

    @Test
    void theSameSymbolOnTheSameDataIsAnalysedOnceThenServedFromTheCache() {
        ResponseEntity<JsonNode> first = get("/api/analysis/000660.KS", "alice");
        ResponseEntity<JsonNode> second = get("/api/analysis/000660.ks", "bob");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        verify(engine, times(1)).analyzeOne(any(), any(), eq("000660.KS"));

        Set<String> keys = redis.keys(AnalysisCache.PREFIX + "000660.KS:2025-06-16:demo:*");
        assertThat(keys).hasSize(1);
        Long ttl = redis.getExpire(keys.iterator().next());
        assertThat(ttl).isBetween(500L, 600L);

        // another symbol is its own entry
        get("/api/analysis/005930.KS", "alice");
        verify(engine, times(1)).analyzeOne(any(), any(), eq("005930.KS"));
    }

    @Test
    void anotherInstanceServesTheAnalysisThisOneCached() {
        ResponseEntity<JsonNode> response = get("/api/analysis/005380.KS", "alice");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode computed = response.getBody();

        // a second instance: its own cache object on the same Redis, with the same engine settings
        AnalysisCache otherInstance = new AnalysisCache(redis, json, settings, Duration.ofMinutes(10), new SimpleMeterRegistry());
        AnalysisResponse served = otherInstance.get("005380.KS", LocalDate.of(2025, 6, 16), "demo", () -> {
            throw new AssertionError("the other instance must not compute a cached analysis");
        });

        JsonNode servedJson = json.valueToTree(served);
        assertThat(servedJson).isEqualTo(computed);
        verify(engine, times(1)).analyzeOne(any(), any(), eq("005380.KS"));
    }

    @Test
    void withRedisDownAnalysesAreComputedAndCachingResumesWhenItIsBack() {
        SharedInfrastructure.redis().stop();
        try {
            assertThat(get("/api/analysis/000660.KS", "alice").getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(get("/api/analysis/000660.KS", "alice").getStatusCode()).isEqualTo(HttpStatus.OK);
            verify(engine, times(2)).analyzeOne(any(), any(), eq("000660.KS"));
        } finally {
            SharedInfrastructure.redis().start();
        }

        // once the client reconnected, one more computation fills the cache and the next call is served from it
        await("cache in use again after Redis restarted").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(get("/api/analysis/000660.KS", "alice").getStatusCode()).isEqualTo(HttpStatus.OK);
                    long before = analyses("000660.KS");
                    assertThat(get("/api/analysis/000660.KS", "alice").getStatusCode()).isEqualTo(HttpStatus.OK);
                    return analyses("000660.KS") == before;
                });
    }

    @Test
    void anAnalysisAsOfAPastDateIsCachedUnderItsOwnKeyAndNeverMixedWithTheLatest() {
        JsonNode latest = get("/api/analysis/000660.KS", "alice").getBody();
        JsonNode past = get("/api/analysis/000660.KS?asOf=2025-03-14", "alice").getBody();
        JsonNode pastAgain = get("/api/analysis/000660.KS?asOf=2025-03-16", "bob").getBody(); // snapped to 03-14
        JsonNode latestAgain = get("/api/analysis/000660.KS", "bob").getBody();

        assertThat(latest.get("asOf").asString()).isEqualTo("2025-06-16");
        assertThat(past.get("asOf").asString()).isEqualTo("2025-03-14");
        assertThat(past).isNotEqualTo(latest);
        assertThat(pastAgain).isEqualTo(past);
        assertThat(latestAgain).isEqualTo(latest);
        // each computed once: the past one did not serve the latest, nor the latest the past one
        verify(engine, times(2)).analyzeOne(any(), any(), eq("000660.KS"));
        assertThat(redis.keys(AnalysisCache.PREFIX + "000660.KS:2025-06-16:demo:*")).hasSize(1)
                .allSatisfy(key -> assertThat(key).doesNotContain(":asof:"));
        assertThat(redis.keys(AnalysisCache.PREFIX + "000660.KS:2025-03-14:demo:asof:*")).hasSize(1);
    }

    private long analyses(String symbol) {
        return mockingDetails(engine).getInvocations().stream()
                .filter(invocation -> invocation.getMethod().getName().equals("analyzeOne")
                        && symbol.equals(invocation.getArguments()[2]))
                .count();
    }
}
