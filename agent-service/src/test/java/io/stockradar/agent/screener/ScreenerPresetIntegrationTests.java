package io.stockradar.agent.screener;

import io.stockradar.agent.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScreenerPresetIntegrationTests extends IntegrationTestSupport {

    @Test
    void presetsAreListedWithBilingualNamesAndTheirRequests() {
        ResponseEntity<JsonNode> response = get("/api/screener/presets", "alice");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> ids = new ArrayList<>();
        response.getBody().values().forEach(preset -> {
            ids.add(preset.get("id").asString());
            assertThat(preset.get("name").get("ko").asString()).isNotBlank();
            assertThat(preset.get("name").get("en").asString()).isNotBlank();
            assertThat(preset.get("description").get("ko").asString()).isNotBlank();
            assertThat(preset.get("description").get("en").asString()).isNotBlank();
            assertThat(preset.get("request").get("sort").asString()).isIn("composite", "technical", "fundamental", "sector", "risk");
            assertThat(preset.get("request").has("universe")).isFalse();
        });
        assertThat(ids).containsExactly("momentum-leaders", "quality-value", "low-volatility-defensive", "sector-leaders");
        JsonNode momentum = response.getBody().get(0);
        assertThat(momentum.get("request").get("sort").asString()).isEqualTo("technical");
        assertThat(momentum.get("request").get("filters").get("minScore").asDouble()).isEqualTo(50.0);

        assertThat(get("/api/screener/presets", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aRunFromAPresetTakesItsSortAndFiltersForTheGivenUniverse() {
        JsonNode run = awaitFinished(start(Map.of("preset", "momentum-leaders", "universe", "KOSPI200")));

        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        JsonNode request = run.get("request");
        assertThat(request.get("preset").asString()).isEqualTo("momentum-leaders");
        assertThat(request.get("universe").asString()).isEqualTo("KOSPI200");
        assertThat(request.get("sort").asString()).isEqualTo("technical");
        assertThat(request.get("limit").asInt()).isEqualTo(20);
        assertThat(request.get("filters").get("minScore").asDouble()).isEqualTo(50.0);
        JsonNode results = run.get("results");
        assertThat(results.size()).isPositive();
        double previous = Double.MAX_VALUE;
        for (JsonNode result : results.values()) {
            assertThat(result.get("composite").asDouble()).isGreaterThanOrEqualTo(50.0);
            double technical = result.get("agents").get("technical").get("score").asDouble();
            assertThat(technical).isLessThanOrEqualTo(previous);
            previous = technical;
        }
    }

    @Test
    void fieldsGivenWithAPresetOverrideItsDefaults() {
        JsonNode run = awaitFinished(start(Map.of("preset", "momentum-leaders", "symbols", List.of("005930.KS", "AAPL"),
                "sort", "risk", "limit", 1, "filters", Map.of("minMarketCap", 1))));

        JsonNode request = run.get("request");
        assertThat(request.get("sort").asString()).isEqualTo("risk");
        assertThat(request.get("limit").asInt()).isEqualTo(1);
        // filters merge field by field: the preset's minScore stays, the given minMarketCap is added
        assertThat(request.get("filters").get("minScore").asDouble()).isEqualTo(50.0);
        assertThat(request.get("filters").get("minMarketCap").asDouble()).isEqualTo(1.0);
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void anUnknownPresetIsABadRequestNamingPreset() {
        ResponseEntity<JsonNode> response = post("/api/screener/runs", "alice", Map.of("preset", "get-rich-quick", "universe", "SP500"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getBody().get("errors").get(0).get("field").asString()).isEqualTo("preset");
        assertThat(response.getBody().get("errors").get(0).get("message").asString()).contains("momentum-leaders");
    }

    private String start(Map<String, Object> request) {
        ResponseEntity<JsonNode> accepted = post("/api/screener/runs", "alice", request);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return accepted.getBody().get("runId").asString();
    }

    private JsonNode awaitFinished(String runId) {
        return awaitFinished(runId, "alice");
    }
}
