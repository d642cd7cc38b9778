package io.stockradar.agent.screener;

import io.stockradar.agent.IntegrationTestSupport;
import io.stockradar.agent.marketdata.Market;
import io.stockradar.common.event.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ScreenerPrecomputeIntegrationTests extends IntegrationTestSupport {

    @Autowired
    ScreenerPrecompute precompute;

    @Autowired
    PrecomputedScreenRepository screens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void forgetScreens() {
        // other test classes share the database: their runs must take the distributed path
        jdbc.sql("DELETE FROM screener_precomputed").update();
    }

    @Test
    void theJobScreensEveryDefaultUniverseOfTheMarketAndStartupOnlyFillsInMissingOnes() {
        assertThat(precompute.precompute(Market.KR, true)).containsExactly(Market.Universe.KOSPI200, Market.Universe.KOSDAQ150);

        PrecomputedScreen kospi = screens.find("KOSPI200", LocalDate.of(2025, 6, 16)).orElseThrow();
        assertThat(kospi.results()).hasSize(20).allSatisfy(result -> assertThat(result.rank()).isZero());
        assertThat(kospi.source()).isEqualTo("demo");
        assertThat(kospi.regime().market()).isEqualTo("KR");
        assertThat(screens.find("KOSDAQ150", LocalDate.of(2025, 6, 16)).orElseThrow().results()).hasSize(10);

        // startup mode: the current data has its screens already, nothing is recomputed
        assertThat(precompute.precompute(Market.KR, false)).isEmpty();
        assertThat(precompute.precompute(Market.US, false)).containsExactly(Market.Universe.SP500);
    }

    @Test
    void onlyTheInstanceHoldingTheUniversesLockComputesIt() {
        // another instance is computing SP500: it holds the advisory lock in its transaction
        List<Market.Universe> whileLocked = transactions.execute(status -> {
            assertThat(jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('stockradar.precompute'), hashtext('SP500'))")
                    .query(Boolean.class).single()).isTrue();
            // this instance's job runs meanwhile (its own connection and transaction)
            return CompletableFuture.supplyAsync(() -> precompute.precompute(Market.US, true)).orTimeout(60, TimeUnit.SECONDS).join();
        });
        assertThat(whileLocked).isEmpty();
        assertThat(screens.latest("SP500")).isEmpty();

        assertThat(precompute.precompute(Market.US, true)).containsExactly(Market.Universe.SP500);
        assertThat(screens.latest("SP500")).isPresent();
    }

    @Test
    void aDefaultRunIsAnsweredFromThePrecomputedScreenAtOnceAndRankedAsADistributedRun() {
        Map<String, Object> request = Map.of("universe", "KOSPI200", "limit", 7, "filters", Map.of("minScore", 30));
        JsonNode distributed = awaitFinished(start(request).get("runId").asString());
        assertThat(distributed.get("status").asString()).isEqualTo("COMPLETED");

        precompute.precompute(Market.KR, true);
        JsonNode accepted = start(request);
        assertThat(accepted.get("status").asString()).isEqualTo("COMPLETED");
        String runId = accepted.get("runId").asString();
        JsonNode run = get("/api/screener/runs/" + runId, "alice").getBody();

        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.get("progress").get("done").asInt()).isEqualTo(20);
        assertThat(run.get("results")).isEqualTo(distributed.get("results"));
        assertThat(run.get("regime")).isEqualTo(distributed.get("regime"));
        // every stock was weighed under the regime the run reports: its regime score is that risk appetite
        DistributedRunIntegrationTests.assertRegimeScoreIsTheRunsRiskAppetite(run);
        DistributedRunIntegrationTests.assertRegimeScoreIsTheRunsRiskAppetite(distributed);
        assertThat(run.get("dataAsOf").asString()).isEqualTo("2025-06-16");
        assertThat(jdbc.sql("SELECT count(*) FROM screener_chunk_result WHERE run_id = CAST(:id AS uuid)")
                .param("id", runId).query(Long.class).single()).isZero();
        // still a run of its own, published for history like any other
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE topic = :topic AND payload::jsonb ->> 'runId' = :id")
                .param("topic", Topics.ANALYSIS_COMPLETED_V1).param("id", runId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void runsWhoseFiltersNeedStockDataTakeTheDistributedPath() {
        precompute.precompute(Market.KR, true);

        JsonNode accepted = start(Map.of("universe", "KOSPI200", "filters", Map.of("sectors", List.of("Information Technology"))));

        assertThat(accepted.get("status").asString()).isEqualTo("QUEUED");
        assertThat(awaitFinished(accepted.get("runId").asString()).get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void aRunAsOfAPastDateIsNeverAnsweredFromTheLatestPrecomputedScreen() {
        precompute.precompute(Market.KR, true);

        JsonNode accepted = start(Map.of("universe", "KOSPI200", "limit", 7, "asOf", "2025-03-14"));

        // screened on the data of that date, not ranked from the screen precomputed on 2025-06-16
        assertThat(accepted.get("status").asString()).isEqualTo("QUEUED");
        JsonNode run = awaitFinished(accepted.get("runId").asString());
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.get("dataAsOf").asString()).isEqualTo("2025-03-14");
        // and it left no screen of its own behind: the precomputed screens stay the latest data's
        assertThat(screens.latest("KOSPI200").orElseThrow().dataAsOf()).isEqualTo(LocalDate.of(2025, 6, 16));
        assertThat(screens.find("KOSPI200", LocalDate.of(2025, 3, 14))).isEmpty();
    }

    @Test
    void latestAnswersFromTheMostRecentScreenRankedOnRequest() {
        assertThat(get("/api/screener/latest?universe=KOSDAQ150", "alice").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        precompute.precompute(Market.KR, true);

        JsonNode latest = get("/api/screener/latest?universe=kosdaq150", "alice").getBody();
        assertThat(latest.get("universe").asString()).isEqualTo("KOSDAQ150");
        assertThat(latest.get("dataAsOf").asString()).isEqualTo("2025-06-16");
        assertThat(latest.get("analysed").asInt()).isEqualTo(10);
        assertThat(latest.get("request").get("sort").asString()).isEqualTo("composite");
        assertThat(latest.get("results").size()).isEqualTo(10);
        assertThat(latest.get("results").get(0).get("rank").asInt()).isEqualTo(1);

        JsonNode byRisk = get("/api/screener/latest?universe=KOSDAQ150&sort=risk&limit=3", "alice").getBody();
        assertThat(byRisk.get("results").size()).isEqualTo(3);
        double previous = Double.MAX_VALUE;
        for (JsonNode result : byRisk.get("results").values()) {
            assertThat(result.get("agents").get("risk").get("score").asDouble()).isLessThanOrEqualTo(previous);
            previous = result.get("agents").get("risk").get("score").asDouble();
        }
        ResponseEntity<JsonNode> bad = get("/api/screener/latest?universe=NIKKEI225", "alice");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().get("errors").get(0).get("field").asString()).isEqualTo("universe");
    }

    private JsonNode start(Map<String, Object> request) {
        ResponseEntity<JsonNode> accepted = post("/api/screener/runs", "alice", request);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return accepted.getBody();
    }

    private JsonNode awaitFinished(String runId) {
        return awaitFinished(runId, "alice");
    }
}
