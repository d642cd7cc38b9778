package io.stockradar.history.runs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/**
 * Deletes one of a user's runs: its results and their scorecard outcomes go with it (ON DELETE CASCADE),
 * and a tombstone in {@code deleted_run} keeps a late copy of its analysis-completed event (a Kafka
 * redelivery, a dead-letter replay) from recording it again.
 * <p>
 * Takes the same per-user advisory lock as the consumer ({@code hashtextextended(user_id, 0)}), so a
 * deletion and the consumer's check of the tombstones never interleave.
 */
@Repository
class RunDeletion {

    private final JdbcClient jdbc;

    RunDeletion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the user has no such run (it does not exist or belongs to someone else) */
    @Transactional
    boolean delete(String userId, UUID runId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:userId, 0))")
                .param("userId", userId)
                .query(rs -> { });
        return jdbc.sql("""
                        WITH gone AS (
                            DELETE FROM analysis_run WHERE run_id = :runId AND user_id = :userId RETURNING run_id, user_id)
                        INSERT INTO deleted_run (run_id, user_id)
                        SELECT run_id, user_id FROM gone
                        ON CONFLICT (run_id) DO UPDATE SET deleted_at = now()""")
                .param("runId", runId)
                .param("userId", userId)
                .update() > 0;
    }
}
