package io.stockradar.agent.analysis;

import io.stockradar.agent.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisIntegrationTests extends IntegrationTestSupport {

    @Autowired
    Environment environment;

    @Test
    void analysisHasAllFiveAgentsAndTheSynthesis() {
        ResponseEntity<JsonNode> response = get("/api/analysis/005930.KS", "alice");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = response.getBody();
        assertThat(body.get("symbol").asString()).isEqualTo("005930.KS");
        assertThat(body.get("name").asString()).isEqualTo("삼성전자");
        assertThat(body.get("asOf").asString()).isEqualTo("2025-06-16");
        assertThat(body.get("source").asString()).isEqualTo("demo");
        assertThat(body.get("composite").asDouble()).isBetween(0.0, 100.0);
        assertThat(body.get("grade").asString()).isIn("A", "B", "C", "D", "E", "F");
        assertThat(body.get("action").asString()).isIn("STRONG_BUY", "BUY", "HOLD", "AVOID");
        assertThat(body.get("regime").asString()).isIn("BULL", "NEUTRAL", "BEAR");
        assertThat(body.get("weights").propertyNames()).contains("sector", "technical", "fundamental", "risk");
        JsonNode agents = body.get("agents");
        assertThat(agents.propertyNames()).containsExactlyInAnyOrder("regime", "sector", "technical", "fundamental", "risk");
        for (String voter : new String[] {"regime", "sector", "technical", "risk"}) {
            assertThat(agents.get(voter).get("abstained").asBoolean()).as(voter).isFalse();
            assertThat(agents.get(voter).get("score").asDouble()).as(voter).isBetween(0.0, 100.0);
        }
        // no fundamentals are bundled for the recorded slice: the agent must abstain, not invent a score
        assertThat(agents.get("fundamental").get("abstained").asBoolean()).isTrue();
        assertThat(agents.get("fundamental").get("score").isNull()).isTrue();
        assertThat(agents.get("technical").get("signals").size()).isPositive();
        assertThat(body.get("rationale").get("ko").asString()).isNotBlank();
        assertThat(body.get("rationale").get("en").asString()).isNotBlank();
        assertThat(body.get("lastClose").asDouble()).isPositive();
    }

    @Test
    void weightsInForceAreTheConfiguredTableOfTheRegime() {
        JsonNode body = get("/api/analysis/AAPL", "alice").getBody();

        String regime = body.get("regime").asString();
        for (String agent : new String[] {"sector", "technical", "fundamental", "risk"}) {
            double configured = environment.getRequiredProperty("stockradar.engine.weights." + regime + "." + agent, Double.class);
            assertThat(body.get("weights").get(agent).asDouble()).as(agent).isEqualTo(configured);
        }
        assertThat(body.get("market").asString()).isEqualTo("US");
        assertThat(body.get("sector").asString()).isEqualTo("Information Technology");
        assertThat(body.get("asOf").asString()).isEqualTo("2026-02-25");
    }

    @Test
    void symbolsAreNormalized() {
        ResponseEntity<JsonNode> response = get("/api/analysis/000660.ks", "alice");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("symbol").asString()).isEqualTo("000660.KS");
    }

    @Test
    void unknownSymbolIsA404Problem() {
        ResponseEntity<JsonNode> response = get("/api/analysis/999999.KS", "alice");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody().get("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void malformedSymbolIsA400Problem() {
        ResponseEntity<JsonNode> response = get("/api/analysis/BAD$SYMBOL", "alice");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("errors").get(0).get("field").asString()).isEqualTo("symbol");
    }
}
