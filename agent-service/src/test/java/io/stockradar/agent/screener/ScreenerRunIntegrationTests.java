package io.stockradar.agent.screener;

import io.stockradar.agent.IntegrationTestSupport;
import io.stockradar.agent.marketdata.MarketDataService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ScreenerRunIntegrationTests extends IntegrationTestSupport {

    @Autowired
    MarketDataService marketData;

    @Autowired
    JdbcClient jdbc;

    /** Issue 20: a read-only API key cannot start runs here even if a request skipped the gateway's own check. */
    @Test
    void aReadOnlyApiKeysTokenCannotStartARunAFullKeysCan() {
        String user = "key-owner-" + java.util.UUID.randomUUID();
        Map<String, Object> request = Map.of("symbols", java.util.List.of("005930.KS"), "limit", 1);

        ResponseEntity<JsonNode> refused = api().post().uri("/api/screener/runs")
                .headers(h -> h.setBearerAuth(JWTS.apiKeyToken(user, "read"))).contentType(MediaType.APPLICATION_JSON)
                .body(request).retrieve().toEntity(JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(refused.getBody().get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(jdbc.sql("SELECT count(*) FROM screener_run WHERE user_id = :user").param("user", user)
                .query(Long.class).single()).as("nothing stored").isZero();

        ResponseEntity<JsonNode> accepted = api().post().uri("/api/screener/runs")
                .headers(h -> h.setBearerAuth(JWTS.apiKeyToken(user, "full"))).contentType(MediaType.APPLICATION_JSON)
                .body(request).retrieve().toEntity(JsonNode.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        awaitFinished(accepted.getBody().get("runId").asString(), user);
    }

    @Test
    void universeRunIsAcceptedThenCompletesWithRankedResults() {
        ResponseEntity<JsonNode> accepted = post("/api/screener/runs", "alice", Map.of("universe", "KOSPI200", "limit", 5));

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String runId = accepted.getBody().get("runId").asString();
        assertThat(accepted.getBody().get("status").asString()).isEqualTo("QUEUED");
        assertThat(accepted.getHeaders().getLocation()).hasToString("/api/screener/runs/" + runId);
        assertThat(accepted.getBody().get("links").get("self").asString()).isEqualTo("/api/screener/runs/" + runId);
        assertThat(accepted.getBody().get("links").get("events").asString()).isEqualTo("/api/screener/runs/" + runId + "/events");

        JsonNode run = awaitFinished(runId, "alice");
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.get("progress").get("done").asInt()).isEqualTo(20);
        assertThat(run.get("progress").get("total").asInt()).isEqualTo(20);
        assertThat(run.get("request").get("universe").asString()).isEqualTo("KOSPI200");
        assertThat(run.get("request").get("sort").asString()).isEqualTo("composite");
        assertThat(run.get("regime").get("market").asString()).isEqualTo("KR");
        assertThat(run.get("dataAsOf").asString()).isEqualTo("2025-06-16");
        assertThat(run.get("source").asString()).isEqualTo("demo");
        assertThat(run.get("createdAt").asString()).isNotBlank();
        assertThat(run.get("completedAt").asString()).isNotBlank();

        JsonNode results = run.get("results");
        assertThat(results.size()).isEqualTo(5);
        double previous = Double.MAX_VALUE;
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(result.get("symbol").asString()).endsWith(".KS");
            assertThat(result.get("composite").asDouble()).isLessThanOrEqualTo(previous);
            previous = result.get("composite").asDouble();
            assertThat(result.get("grade").asString()).isNotBlank();
            assertThat(result.get("action").asString()).isNotBlank();
            assertThat(result.get("price").asDouble()).isPositive();
            assertThat(result.get("agents").propertyNames())
                    .containsExactlyInAnyOrder("regime", "sector", "technical", "fundamental", "risk");
            // point-in-time DART figures of 2025-06-16 for every recorded KOSPI 200 member: the agent votes
            assertThat(result.get("agents").get("fundamental").get("abstained").asBoolean()).isFalse();
        }
        // the five are the best five of all twenty: a full run without a limit ranks them the same way
        JsonNode all = awaitFinished(post("/api/screener/runs", "alice", Map.of("universe", "KOSPI200", "limit", 200))
                .getBody().get("runId").asString(), "alice").get("results");
        assertThat(all.size()).isEqualTo(20);
        for (int i = 0; i < 5; i++) {
            assertThat(all.get(i).get("symbol").asString()).isEqualTo(results.get(i).get("symbol").asString());
        }
    }

    @Test
    void symbolListRunNormalizesSymbolsAndReportsUnknownOnes() {
        ResponseEntity<JsonNode> accepted = post("/api/screener/runs", "alice",
                Map.of("symbols", List.of("005930.KS", "000660.ks", "196170.KQ", "999999.KS", "005930.KS")));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        JsonNode run = awaitFinished(accepted.getBody().get("runId").asString(), "alice");
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(strings(run.get("request").get("symbols"))).containsExactly("005930.KS", "000660.KS", "196170.KQ", "999999.KS");
        assertThat(strings(run.get("missing"))).containsExactly("999999.KS");
        Set<String> symbols = new HashSet<>();
        run.get("results").values().forEach(result -> symbols.add(result.get("symbol").asString()));
        assertThat(symbols).containsExactlyInAnyOrder("005930.KS", "000660.KS", "196170.KQ");
    }

    @Test
    void mixedSymbolListIsAnalysedPerMarketAndReportsThePrimaryMarketsRegime() {
        ResponseEntity<JsonNode> accepted = post("/api/screener/runs", "alice",
                Map.of("symbols", List.of("AAPL", "005930.KS", "MSFT", "NVDA"), "limit", 10));

        JsonNode run = awaitFinished(accepted.getBody().get("runId").asString(), "alice");
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        // three US symbols against one KR: the US is the primary market
        assertThat(run.get("regime").get("market").asString()).isEqualTo("US");
        assertThat(run.get("dataAsOf").asString()).isEqualTo("2026-02-25");
        Set<String> markets = new HashSet<>();
        run.get("results").values().forEach(result -> markets.add(result.get("market").asString()));
        assertThat(markets).containsExactlyInAnyOrder("KR", "US");
        assertThat(run.get("results").size()).isEqualTo(4);
    }

    @Test
    void filtersAndSortKeyShapeTheResults() {
        ResponseEntity<JsonNode> accepted = post("/api/screener/runs", "alice", Map.of(
                "universe", "KOSPI200",
                "filters", Map.of("sectors", List.of("Information Technology", "Industrials"), "minMarketCap", 1.0e13),
                "sort", "technical"));
        JsonNode run = awaitFinished(accepted.getBody().get("runId").asString(), "alice");

        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        JsonNode results = run.get("results");
        assertThat(results.size()).isPositive().isLessThan(20);
        assertThat(run.get("progress").get("total").asInt()).isEqualTo(results.size());
        double previous = Double.MAX_VALUE;
        for (JsonNode result : results.values()) {
            assertThat(result.get("sector").asString()).isIn("Information Technology", "Industrials");
            double technical = result.get("agents").get("technical").get("score").asDouble();
            assertThat(technical).isLessThanOrEqualTo(previous);
            previous = technical;
        }
    }

    @Test
    void minScoreDropsWeakerStocks() {
        JsonNode all = awaitFinished(post("/api/screener/runs", "alice", Map.of("universe", "KOSDAQ150"))
                .getBody().get("runId").asString(), "alice").get("results");
        double median = all.get(all.size() / 2).get("composite").asDouble();

        JsonNode filtered = awaitFinished(post("/api/screener/runs", "alice",
                Map.of("universe", "KOSDAQ150", "filters", Map.of("minScore", median)))
                .getBody().get("runId").asString(), "alice").get("results");

        assertThat(filtered.size()).isLessThan(all.size()).isPositive();
        filtered.values().forEach(result -> assertThat(result.get("composite").asDouble()).isGreaterThanOrEqualTo(median));
    }

    @Test
    void anotherUsersRunIsNotFound() {
        String runId = post("/api/screener/runs", "alice", Map.of("universe", "KOSDAQ150")).getBody().get("runId").asString();

        for (ResponseEntity<JsonNode> response : List.of(
                get("/api/screener/runs/" + runId, "mallory"),
                delete("/api/screener/runs/" + runId, "mallory"),
                get("/api/screener/runs/" + runId + "/events", "mallory"))) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getBody().get("code").asString()).isEqualTo("NOT_FOUND");
        }
        assertThat(awaitFinished(runId, "alice").get("status").asString()).isEqualTo("COMPLETED");
        assertThat(get("/api/screener/runs/" + java.util.UUID.randomUUID(), "alice").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/screener/runs/not-a-uuid", "alice").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void cancelStopsARunAndItNeverCompletes() throws Exception {
        marketData.evictAll();
        MARKET_DATA.delay(Duration.ofMillis(1500));
        String runId;
        try {
            runId = post("/api/screener/runs", "carol", Map.of("universe", "KOSPI200")).getBody().get("runId").asString();
            // the worker is loading data (each market-data answer takes 1.5 s)
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                    get("/api/screener/runs/" + runId, "carol").getBody().get("progress").get("phase").asString().equals("LOADING_DATA"));

            ResponseEntity<JsonNode> cancelled = delete("/api/screener/runs/" + runId, "carol");
            assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(cancelled.getBody().get("status").asString()).isEqualTo("CANCELLED");
        } finally {
            MARKET_DATA.delay(Duration.ZERO);
        }
        // the worker finishes loading data (4 calls of 1.5 s), notices the cancel and stops: for longer than that,
        // the run stays cancelled without results, and nothing is published
        await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode run = get("/api/screener/runs/" + runId, "carol").getBody();
            return run.get("status").asString().equals("CANCELLED") && run.get("results").isEmpty()
                    && jdbc.sql("SELECT count(*) FROM outbox_event WHERE topic = 'stockradar.analysis-completed.v1' AND payload::jsonb ->> 'runId' = :id")
                    .param("id", runId).query(Long.class).single() == 0;
        });
        // cancelling again is harmless; a finished run cannot be cancelled
        assertThat(delete("/api/screener/runs/" + runId, "carol").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String done = post("/api/screener/runs", "carol", Map.of("symbols", List.of("005930.KS"))).getBody().get("runId").asString();
        awaitFinished(done, "carol");
        ResponseEntity<JsonNode> conflict = delete("/api/screener/runs/" + done, "carol");
        assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(conflict.getBody().get("code").asString()).isEqualTo("CONFLICT");
    }

    @Test
    void eventStreamReportsProgressThenCompletion() throws Exception {
        String runId = post("/api/screener/runs", "dave", Map.of("universe", "KOSPI200")).getBody().get("runId").asString();

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/screener/runs/" + runId + "/events"))
                .header("Authorization", "Bearer " + JWTS.token("dave"))
                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);

        List<String> events = new ArrayList<>();
        String lastData = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    events.add(line.substring("event:".length()).trim());
                } else if (line.startsWith("data:")) {
                    lastData = line.substring("data:".length()).trim();
                }
            }
        }
        assertThat(events).contains("progress");
        assertThat(events.getLast()).isEqualTo("completed");
        assertThat(events).doesNotContain("failed");
        assertThat(lastData).contains("\"resultCount\":20").contains(runId);
    }

    @Test
    void everyBadFieldIsListedInOneProblem() {
        ResponseEntity<JsonNode> response = post("/api/screener/runs", "alice", Map.of(
                "universe", "NASDAQ100",
                "symbols", List.of("005930.KS", "not a symbol"),
                "limit", 0,
                "sort", "alphabetical",
                "filters", Map.of("minScore", 101, "minMarketCap", -1, "minLiquidity", -5, "sectors", List.of())));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.getBody().get("code").asString()).isEqualTo("VALIDATION_FAILED");
        Set<String> fields = new HashSet<>();
        response.getBody().get("errors").values().forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("universe", "symbols", "symbols[1]", "limit", "sort",
                "filters.minScore", "filters.minMarketCap", "filters.minLiquidity", "filters.sectors");
    }

    @Test
    void malformedOrMissingBodiesAreRejected() {
        ResponseEntity<JsonNode> neither = post("/api/screener/runs", "alice", Map.of("limit", 10));
        assertThat(neither.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(neither.getBody().get("errors").get(0).get("field").asString()).isEqualTo("universe");

        ResponseEntity<JsonNode> malformed = post("/api/screener/runs", "alice", "{\"universe\": ");
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        ResponseEntity<JsonNode> tooLarge = post("/api/screener/runs", "alice",
                Map.of("universe", "KOSPI200", "padding", "x".repeat(300 * 1024)));
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
        assertThat(tooLarge.getBody().get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");

        assertThat(post("/api/screener/runs", null, Map.of("universe", "KOSPI200")).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.values().forEach(node -> out.add(node.asString()));
        return out;
    }

    // issue 18: a run as of a past date

    @Test
    void aRunAsOfAPastDateScreensTheCutDataAndReportsTheDateInItsResultAndEvents() throws Exception {
        JsonNode latest = awaitFinished(post("/api/screener/runs", "erin",
                Map.of("symbols", List.of("005930.KS", "000660.KS"))).getBody().get("runId").asString(), "erin");
        ResponseEntity<JsonNode> accepted = post("/api/screener/runs", "erin",
                Map.of("symbols", List.of("005930.KS", "000660.KS"), "asOf", "2025-03-16"));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String runId = accepted.getBody().get("runId").asString();

        String lastData = lastEventData(runId, "erin");
        JsonNode run = awaitFinished(runId, "erin");

        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        // asked for Sunday 2025-03-16: screened on Friday 2025-03-14, the trading day before it
        assertThat(run.get("request").get("asOf").asString()).isEqualTo("2025-03-16");
        assertThat(run.get("dataAsOf").asString()).isEqualTo("2025-03-14");
        assertThat(lastData).contains("\"dataAsOf\":\"2025-03-14\"").contains(runId);
        assertThat(price(run, "005930.KS")).isEqualTo(54700.0); // the close of 03-14, no later bar
        assertThat(latest.get("dataAsOf").asString()).isEqualTo("2025-06-16");
        assertThat(latest.get("request").has("asOf")).isFalse();
        assertThat(price(latest, "005930.KS")).isEqualTo(57200.0);
    }

    @Test
    void aBadAsOfIsA400ProblemNamingTheFieldAndNoRunIsStored() {
        String user = "asof-" + java.util.UUID.randomUUID();
        for (String asOf : new String[] {"2025-02-30", "16/03/2025", "2999-01-01", "2020-01-02"}) {
            ResponseEntity<JsonNode> response = post("/api/screener/runs", user, Map.of("universe", "KOSPI200", "asOf", asOf));

            assertThat(response.getStatusCode()).as(asOf).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
            assertThat(response.getBody().get("errors").get(0).get("field").asString()).as(asOf).isEqualTo("asOf");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM screener_run WHERE user_id = :user").param("user", user)
                .query(Long.class).single()).isZero();
    }

    private static double price(JsonNode run, String symbol) {
        for (JsonNode result : run.get("results")) {
            if (symbol.equals(result.get("symbol").asString())) {
                return result.get("price").asDouble();
            }
        }
        throw new AssertionError("no " + symbol + " in " + run);
    }

    private String lastEventData(String runId, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/screener/runs/" + runId + "/events"))
                .header("Authorization", "Bearer " + JWTS.token(user))
                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                .timeout(Duration.ofSeconds(90))
                .build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        String lastData = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    lastData = line.substring("data:".length()).trim();
                }
            }
        }
        return lastData;
    }
}
