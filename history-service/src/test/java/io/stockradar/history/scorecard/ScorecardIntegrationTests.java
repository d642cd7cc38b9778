package io.stockradar.history.scorecard;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import io.stockradar.history.TestJwts;
import io.stockradar.history.TestMarketData;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The outcome job against a MockWebServer serving REAL KRX bars (see {@link TestMarketData}), then
 * GET /api/history/scorecard. Expected numbers are the closes read off the fixture by hand:
 * <pre>
 *   date        005930.KS  000660.KS   ^KS11     trading-day index
 *   2025-03-07    53700     192400    2563.48    entry of run A (analysed Sat 2025-03-08)
 *   2025-03-14    54700     204500    2566.36    +5
 *   2025-04-04    56100     182200    2465.42    +20
 *   2025-06-05    59100     224500    2812.05    +60, and entry of run B
 *   2025-06-13    58300        -      2894.62    run B +5 (its +20/+60 lie beyond 2025-06-16)
 *   2025-06-16      -       248000    2946.66    run C: the last bar, no horizon reached
 * </pre>
 */
class ScorecardIntegrationTests extends HistoryIntegrationTestSupport {

    private static final double TOLERANCE = 1e-9;

    @Autowired
    private OutcomeJob job;

    @Test
    void scoresPicksAgainstTheBenchmarkPerGradeAndAgentExcludingTooRecentOnes() {
        String user = newUser();
        Fixture fixture = recordFixture(user);

        assertThat(job.run().ran()).isTrue();

        // run A, 005930.KS (grade A; technical 80, fundamental exactly 60)
        double a1x5 = (54700.0 / 53700 - 1) - (2566.36 / 2563.48 - 1);
        double a1x20 = (56100.0 / 53700 - 1) - (2465.42 / 2563.48 - 1);
        double a1x60 = (59100.0 / 53700 - 1) - (2812.05 / 2563.48 - 1);
        // run A, 000660.KS (grade B; technical 50, fundamental 70)
        double a2x5 = (204500.0 / 192400 - 1) - (2566.36 / 2563.48 - 1);
        double a2x20 = (182200.0 / 192400 - 1) - (2465.42 / 2563.48 - 1);
        double a2x60 = (224500.0 / 192400 - 1) - (2812.05 / 2563.48 - 1);
        // run B, 005930.KS (grade A; technical 75, fundamental abstained): 5 days only
        double b1x5 = (58300.0 / 59100 - 1) - (2894.62 / 2812.05 - 1);
        assertThat(a1x5).isPositive();
        assertThat(b1x5).isNegative();
        assertThat(a2x20).isNegative();

        assertThat(outcome(fixture.runA(), 1, 5)).isCloseTo(a1x5, within(TOLERANCE));
        assertThat(outcome(fixture.runA(), 1, 60)).isCloseTo(a1x60, within(TOLERANCE));
        assertThat(outcome(fixture.runA(), 2, 20)).isCloseTo(a2x20, within(TOLERANCE));
        assertThat(outcomes(fixture.runB())).isEqualTo(1);
        assertThat(outcomes(fixture.runC())).as("too recent: no outcome row, not a zero").isZero();
        assertThat(jdbc.sql("SELECT entry_date || ' ' || exit_date FROM pick_outcome"
                        + " WHERE run_id = :runId AND rank = 1 AND horizon = 60")
                .param("runId", fixture.runA()).query(String.class).single()).isEqualTo("2025-03-07 2025-06-05");

        JsonNode scorecard = getJson("/api/history/scorecard?scope=me", TestJwts.token(user));
        assertThat(scorecard.get("scope").asString()).isEqualTo("me");
        assertThat(scorecard.get("asOf").asString()).isEqualTo("2025-06-13");
        assertThat(scorecard.get("agentThreshold").asDouble()).isEqualTo(60.0);

        assertThat(scorecard.get("byGrade").valueStream()).allMatch(node -> !node.has("agent"));
        assertThat(scorecard.get("byAgent").valueStream()).allMatch(node -> !node.has("grade"));
        JsonNode gradeA = group(scorecard.get("byGrade"), "grade", "A");
        assertThat(gradeA.get("picks").asLong()).isEqualTo(3);
        assertStats(gradeA, new long[] {2, 1, 1},
                new Double[] {0.5, 1.0, 1.0},
                new Double[] {(a1x5 + b1x5) / 2, a1x20, a1x60});
        JsonNode gradeB = group(scorecard.get("byGrade"), "grade", "B");
        assertThat(gradeB.get("picks").asLong()).isEqualTo(1);
        assertStats(gradeB, new long[] {1, 1, 1}, new Double[] {1.0, 0.0, 1.0}, new Double[] {a2x5, a2x20, a2x60});

        // technical >= 60: A1 (80), B1 (75), C1 (90) - not A2 (50)
        JsonNode technical = group(scorecard.get("byAgent"), "agent", "technical");
        assertThat(technical.get("picks").asLong()).isEqualTo(3);
        assertStats(technical, new long[] {2, 1, 1}, new Double[] {0.5, 1.0, 1.0},
                new Double[] {(a1x5 + b1x5) / 2, a1x20, a1x60});
        // fundamental >= 60: A1 (exactly 60) and A2 (70); B1 abstained
        JsonNode fundamental = group(scorecard.get("byAgent"), "agent", "fundamental");
        assertThat(fundamental.get("picks").asLong()).isEqualTo(2);
        assertStats(fundamental, new long[] {2, 2, 2},
                new Double[] {1.0, 0.5, 1.0},
                new Double[] {(a1x5 + a2x5) / 2, (a1x20 + a2x20) / 2, (a1x60 + a2x60) / 2});
        // regime scored 40 everywhere: never a pick
        assertThat(scorecard.get("byAgent").valueStream().map(node -> node.get("agent").asString()))
                .doesNotContain("regime");

        // the bars were asked for the maximum history, with the benchmark
        assertThat(TestMarketData.requests()).anySatisfy(request -> {
            assertThat(request.get("days").asInt()).isEqualTo(1000);
            assertThat(request.get("symbols").valueStream().map(JsonNode::asString)).contains("^KS11", "005930.KS");
        });
    }

    @Test
    void aSecondRunNeitherDuplicatesNorChangesOutcomes() {
        String user = newUser();
        Fixture fixture = recordFixture(user);
        job.run();
        String before = snapshot(user);

        OutcomeJob.Summary second = job.run();

        assertThat(second.ran()).isTrue();
        assertThat(snapshot(user)).isEqualTo(before);
        assertThat(outcomes(fixture.runA()) + outcomes(fixture.runB()) + outcomes(fixture.runC())).isEqualTo(7);
    }

    @Test
    void skipsTheRunWhileAnotherInstanceHoldsTheLock() throws Exception {
        String user = newUser();
        Fixture fixture = recordFixture(user);
        var postgres = SharedInfrastructure.postgres();
        try (Connection otherInstance = DriverManager.getConnection(postgres.jdbcUrl("history"),
                postgres.username(), postgres.password());
             Statement statement = otherInstance.createStatement()) {
            try (ResultSet locked = statement.executeQuery(
                    "SELECT pg_try_advisory_lock(hashtextextended('" + OutcomeJob.LOCK + "', 0))")) {
                assertThat(locked.next() && locked.getBoolean(1)).isTrue();
            }

            OutcomeJob.Summary skipped = job.run();

            assertThat(skipped.ran()).isFalse();
            assertThat(outcomes(fixture.runA())).isZero();
            statement.execute("SELECT pg_advisory_unlock(hashtextextended('" + OutcomeJob.LOCK + "', 0))");
        }

        assertThat(job.run().ran()).isTrue();
        assertThat(outcomes(fixture.runA())).isEqualTo(6);
    }

    @Test
    void leavesPicksPendingWhenMarketDataFailsAndScoresThemOnTheNextRun() {
        String user = newUser();
        Fixture fixture = recordFixture(user);
        TestMarketData.failNextRequests(1);

        OutcomeJob.Summary failing = job.run();

        assertThat(failing.ran()).isTrue();
        assertThat(failing.failedRequests()).isEqualTo(1);
        assertThat(outcomes(fixture.runA()) + outcomes(fixture.runB())).as("nothing written as zero").isZero();

        OutcomeJob.Summary next = job.run();

        assertThat(next.failedRequests()).isZero();
        assertThat(outcomes(fixture.runA()) + outcomes(fixture.runB()) + outcomes(fixture.runC())).isEqualTo(7);
    }

    @Test
    void showsOnlyTheCallersPicksForScopeMeAndEveryonesForAll() {
        String user = newUser();
        recordFixture(user);
        job.run();

        JsonNode empty = getJson("/api/history/scorecard", TestJwts.token(newUser()));
        assertThat(empty.get("scope").asString()).isEqualTo("me");
        assertThat(empty.get("byGrade")).isEmpty();
        assertThat(empty.get("byAgent")).isEmpty();
        assertThat(empty.get("asOf").isNull()).isTrue();

        JsonNode all = getJson("/api/history/scorecard?scope=all", TestJwts.token(newUser()));
        assertThat(all.get("scope").asString()).isEqualTo("all");
        assertThat(group(all.get("byGrade"), "grade", "A").get("samples5d").asLong()).isGreaterThanOrEqualTo(2);

        http.get().uri("/api/history/scorecard?scope=everyone").header("Authorization", "Bearer " + TestJwts.token(user))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("scope");
    }

    @Test
    void deletingARunDeletesItsOutcomes() {
        String user = newUser();
        Fixture fixture = recordFixture(user);
        job.run();
        assertThat(outcomes(fixture.runA())).isEqualTo(6);

        http.delete().uri("/api/history/runs/" + fixture.runA()).header("Authorization", "Bearer " + TestJwts.token(user))
                .exchange().expectStatus().isNoContent();

        assertThat(outcomes(fixture.runA())).isZero();
        assertThat(group(getJson("/api/history/scorecard", TestJwts.token(user)).get("byGrade"), "grade", "A")
                .get("samples5d").asLong()).isEqualTo(1);
    }

    private record Fixture(UUID runA, UUID runB, UUID runC) {
    }

    private Fixture recordFixture(String user) {
        AnalysisCompletedEvent a = TestEvents.analysisCompleted(user, "KOSPI200", LocalDate.parse("2025-03-08"), List.of(
                TestEvents.result(1, "005930.KS", "삼성전자", "A", votes(80.0, 60.0), 53700.0),
                TestEvents.result(2, "000660.KS", "SK하이닉스", "B", votes(50.0, 70.0), 192400.0)));
        AnalysisCompletedEvent b = TestEvents.analysisCompleted(user, "KOSPI200", LocalDate.parse("2025-06-05"), List.of(
                TestEvents.result(1, "005930.KS", "삼성전자", "A", votes(75.0, null), 59100.0)));
        AnalysisCompletedEvent c = TestEvents.analysisCompleted(user, "KOSPI200", LocalDate.parse("2025-06-16"), List.of(
                TestEvents.result(1, "000660.KS", "SK하이닉스", "A", votes(90.0, 30.0), 248000.0)));
        for (AnalysisCompletedEvent event : List.of(a, b, c)) {
            send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        }
        for (AnalysisCompletedEvent event : List.of(a, b, c)) {
            awaitRun(event.runId());
        }
        return new Fixture(a.runId(), b.runId(), c.runId());
    }

    private static Map<String, Double> votes(Double technical, Double fundamental) {
        Map<String, Double> votes = new HashMap<>();
        votes.put("regime", 40.0);
        votes.put("technical", technical);
        votes.put("fundamental", fundamental);
        return votes;
    }

    private double outcome(UUID runId, int rank, int horizon) {
        return jdbc.sql("SELECT excess_return FROM pick_outcome WHERE run_id = :runId AND rank = :rank"
                        + " AND horizon = :horizon")
                .param("runId", runId).param("rank", rank).param("horizon", horizon)
                .query(Double.class).single();
    }

    private int outcomes(UUID runId) {
        return jdbc.sql("SELECT count(*) FROM pick_outcome WHERE run_id = :runId").param("runId", runId)
                .query(Integer.class).single();
    }

    private String snapshot(String user) {
        return String.join("\n", jdbc.sql("""
                        SELECT o.run_id || ' ' || o.rank || ' ' || o.horizon || ' ' || o.excess_return || ' '
                               || o.computed_at
                        FROM pick_outcome o JOIN analysis_result r ON r.run_id = o.run_id AND r.rank = o.rank
                        WHERE r.user_id = :userId ORDER BY 1""")
                .param("userId", user).query(String.class).list());
    }

    private static JsonNode group(JsonNode groups, String key, String value) {
        return groups.valueStream().filter(node -> value.equals(node.get(key).asString())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " " + value + " in " + groups));
    }

    private static void assertStats(JsonNode stats, long[] samples, Double[] hitRates, Double[] averages) {
        String[] horizons = {"5d", "20d", "60d"};
        for (int i = 0; i < 3; i++) {
            assertThat(stats.get("samples" + horizons[i]).asLong()).as("samples" + horizons[i]).isEqualTo(samples[i]);
            assertThat(stats.get("hitRate" + horizons[i]).asDouble()).as("hitRate" + horizons[i])
                    .isCloseTo(hitRates[i], within(TOLERANCE));
            assertThat(stats.get("avgExcessReturn" + horizons[i]).asDouble()).as("avgExcessReturn" + horizons[i])
                    .isCloseTo(averages[i], within(TOLERANCE));
        }
    }
}
