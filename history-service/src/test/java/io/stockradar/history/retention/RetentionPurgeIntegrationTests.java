package io.stockradar.history.retention;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention purge on real PostgreSQL: only runs past the retention go, with everything hanging off them. */
class RetentionPurgeIntegrationTests extends HistoryIntegrationTestSupport {

    @Autowired
    private RetentionPurge purge;

    @Autowired
    private RetentionProperties properties;

    @Test
    void keepsTwoYearsByDefault() {
        assertThat(properties.retention()).isEqualTo(Duration.ofDays(730));
    }

    @Test
    void deletesRunsOlderThanTheRetentionWithTheirResultsAndOutcomes() {
        String user = newUser();
        UUID expired = recordRunAgedDays(user, 731);
        UUID kept = recordRunAgedDays(user, 729);
        UUID recent = recordRunAgedDays(user, 0);
        jdbc.sql("""
                        INSERT INTO pick_outcome (run_id, rank, horizon, entry_date, exit_date, stock_return,
                                                  benchmark_return, excess_return)
                        VALUES (:runId, 1, 5, DATE '2023-01-02', DATE '2023-01-09', 0.1, 0.05, 0.05)""")
                .param("runId", expired).update();

        RetentionPurge.Summary summary = purge.purge();

        assertThat(summary.ran()).isTrue();
        assertThat(summary.runsDeleted()).isGreaterThanOrEqualTo(1);
        assertThat(runExists(expired)).isFalse();
        assertThat(count("analysis_result", expired)).isZero();
        assertThat(count("pick_outcome", expired)).isZero();
        assertThat(runExists(kept)).isTrue();
        assertThat(runExists(recent)).isTrue();
        assertThat(count("analysis_result", kept)).isEqualTo(2);
    }

    @Test
    void purgesTombstonesOlderThanTheRetentionAndKeepsNewerOnes() {
        String user = newUser();
        UUID oldRun = UUID.randomUUID();
        UUID recentRun = UUID.randomUUID();
        String oldAccount = newUser();
        String recentAccount = newUser();
        jdbc.sql("""
                        INSERT INTO deleted_run (run_id, user_id, deleted_at)
                        VALUES (:old, :user, now() - interval '731 days'), (:recent, :user, now() - interval '729 days')""")
                .param("old", oldRun).param("recent", recentRun).param("user", user).update();
        jdbc.sql("""
                        INSERT INTO deleted_user (user_id, deleted_at)
                        VALUES (:old, now() - interval '731 days'), (:recent, now() - interval '1 day')""")
                .param("old", oldAccount).param("recent", recentAccount).update();

        RetentionPurge.Summary summary = purge.purge();

        assertThat(summary.ran()).isTrue();
        assertThat(summary.tombstonesDeleted()).isGreaterThanOrEqualTo(2);
        assertThat(exists("deleted_run", "run_id", oldRun)).isFalse();
        assertThat(exists("deleted_run", "run_id", recentRun)).isTrue();
        assertThat(exists("deleted_user", "user_id", oldAccount)).isFalse();
        assertThat(exists("deleted_user", "user_id", recentAccount)).isTrue();
    }

    @Test
    void leavesThePurgeToTheInstanceHoldingTheLock() throws Exception {
        String user = newUser();
        UUID expired = recordRunAgedDays(user, 800);
        var postgres = SharedInfrastructure.postgres();
        try (Connection otherInstance = DriverManager.getConnection(postgres.jdbcUrl("history"),
                postgres.username(), postgres.password());
             Statement statement = otherInstance.createStatement()) {
            try (ResultSet locked = statement.executeQuery(
                    "SELECT pg_try_advisory_lock(hashtextextended('" + RetentionPurge.LOCK + "', 0))")) {
                assertThat(locked.next() && locked.getBoolean(1)).isTrue();
            }

            assertThat(purge.purge().ran()).isFalse();
            assertThat(runExists(expired)).isTrue();
            // release explicitly: closing the connection ends its server process asynchronously, and the
            // lock could still be held when the next purge asks for it
            statement.execute("SELECT pg_advisory_unlock(hashtextextended('" + RetentionPurge.LOCK + "', 0))");
        }

        assertThat(purge.purge().ran()).isTrue();
        assertThat(runExists(expired)).isFalse();
    }

    private UUID recordRunAgedDays(String user, int days) {
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, 2);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        awaitRun(event.runId());
        jdbc.sql("UPDATE analysis_run SET created_at = now() - make_interval(days => :days) WHERE run_id = :runId")
                .param("days", days).param("runId", event.runId()).update();
        return event.runId();
    }

    private boolean exists(String table, String column, Object id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE " + column + " = :id)").param("id", id)
                .query(Boolean.class).single();
    }

    private int count(String table, UUID runId) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE run_id = :runId").param("runId", runId)
                .query(Integer.class).single();
    }
}
