package io.stockradar.agent.analysis;

import io.stockradar.agent.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
        // Samsung's DART figures known on 2025-06-16 (TTM to Q1 2025): the fundamental agent votes too
        assertThat(agents.get("fundamental").get("abstained").asBoolean()).isFalse();
        assertThat(agents.get("fundamental").get("score").asDouble()).isBetween(0.0, 100.0);
        assertThat(agents.get("technical").get("signals").size()).isPositive();
        assertThat(body.get("rationale").get("ko").asString()).isNotBlank();
        assertThat(body.get("rationale").get("en").asString()).isNotBlank();
        assertThat(body.get("lastClose").asDouble()).isPositive();
    }

    @Test
    void aUsStockIsScoredByTheFundamentalAgentFromFiguresKnownOnTheAnalysisDate() {
        JsonNode body = get("/api/analysis/AAPL", "alice").getBody();

        JsonNode fundamental = body.get("agents").get("fundamental");
        assertThat(fundamental.get("abstained").asBoolean()).isFalse();
        assertThat(fundamental.get("score").asDouble()).isBetween(0.0, 100.0);
        // market-data's recorded answer for AAPL on 2026-02-25: TTM to the 10-Q of 2025-12-27, close 274.23 ×
        // 15,004,697,000 diluted shares / 117,777 M USD net income
        assertThat(signal(fundamental, "PER").get("value").asDouble()).isCloseTo(34.94, within(0.01));
        assertThat(signal(fundamental, "ROE").get("value").asDouble()).isCloseTo(159.73, within(0.01));
        assertThat(signal(fundamental, "OPERATING_MARGIN").get("value").asDouble()).isCloseTo(32.38, within(0.01));
        // asked as of the day of the last bar, so market-data cannot hand over anything filed later
        assertThat(MARKET_DATA.fundamentalsAsOf()).contains("2026-02-25").doesNotContain("latest");
    }

    @Test
    void aLossMakerKeepsItsNegativeEarningsSignal() {
        // 에코프로비엠: a trailing loss (FY2024 + Q1 2025 − Q1 2024 net income < 0) → negative PER, lowest PER score
        JsonNode fundamental = get("/api/analysis/247540.KQ", "alice").getBody().get("agents").get("fundamental");
        assertThat(fundamental.get("abstained").asBoolean()).isFalse();
        assertThat(signal(fundamental, "NEGATIVE_EARNINGS").get("value").asDouble()).isNegative();
    }

    private static JsonNode signal(JsonNode agent, String code) {
        for (JsonNode s : agent.get("signals")) {
            if (code.equals(s.get("code").asString())) {
                return s;
            }
        }
        throw new AssertionError("no signal " + code + " in " + agent);
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

    // issue 18: an analysis as of a past date

    @Test
    void anAnalysisAsOfAnEarlierDateUsesNoBarAfterItAndFundamentalsKnownThen() {
        JsonNode latest = get("/api/analysis/005930.KS", "alice").getBody();
        ResponseEntity<JsonNode> response = get("/api/analysis/005930.KS?asOf=2025-03-14", "alice");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode past = response.getBody();
        assertThat(past.get("asOf").asString()).isEqualTo("2025-03-14");
        // the recorded close of 2025-03-14 (54,700), not the next bar's (57,600 on 03-17) nor the latest (57,200)
        assertThat(past.get("lastClose").asDouble()).isEqualTo(54700.0);
        assertThat(latest.get("lastClose").asDouble()).isEqualTo(57200.0);
        assertThat(past.get("composite").asDouble()).isNotEqualTo(latest.get("composite").asDouble());
        assertThat(past.get("agents").get("technical")).isNotEqualTo(latest.get("agents").get("technical"));
        assertThat(MARKET_DATA.fundamentalsAsOf()).contains("2025-03-14");
    }

    @Test
    void aNonTradingDayIsSnappedToTheTradingDayBeforeIt() {
        // Sunday 2025-03-16 → Friday 2025-03-14; the Monday bar stays out
        JsonNode body = get("/api/analysis/005930.KS?asOf=2025-03-16", "alice").getBody();
        assertThat(body.get("asOf").asString()).isEqualTo("2025-03-14");
        assertThat(body.get("lastClose").asDouble()).isEqualTo(54700.0);

        JsonNode monday = get("/api/analysis/005930.KS?asOf=2025-03-17", "alice").getBody();
        assertThat(monday.get("asOf").asString()).isEqualTo("2025-03-17");
        assertThat(monday.get("lastClose").asDouble()).isEqualTo(57600.0);
    }

    @Test
    void aUsAnalysisIsCutAtItsDateToo() {
        JsonNode latest = get("/api/analysis/AAPL", "alice").getBody();
        JsonNode past = get("/api/analysis/AAPL?asOf=2025-12-01", "alice").getBody();
        assertThat(past.get("asOf").asString()).isEqualTo("2025-12-01");
        assertThat(past.get("lastClose").asDouble()).isCloseTo(282.835, within(0.001));
        assertThat(latest.get("lastClose").asDouble()).isCloseTo(274.230, within(0.001));
        assertThat(MARKET_DATA.fundamentalsAsOf()).contains("2025-12-01");
    }

    @Test
    void aBadAsOfIsA400ProblemNamingTheField() {
        for (String asOf : new String[] {"2025-13-01", "yesterday", "2999-01-01", "2020-01-02", "2023-05-02"}) {
            ResponseEntity<JsonNode> response = get("/api/analysis/005930.KS?asOf=" + asOf, "alice");

            assertThat(response.getStatusCode()).as(asOf).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType().toString()).as(asOf).startsWith("application/problem+json");
            assertThat(response.getBody().get("errors").get(0).get("field").asString()).as(asOf).isEqualTo("asOf");
        }
    }
}
