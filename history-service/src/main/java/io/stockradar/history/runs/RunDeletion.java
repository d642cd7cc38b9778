package io.stockradar.history.runs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/** Deletes one of a user's runs: its results and their scorecard outcomes go with it (ON DELETE CASCADE). */
@Repository
class RunDeletion {

    private final JdbcClient jdbc;

    RunDeletion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the user has no such run (it does not exist or belongs to someone else) */
    @Transactional
    boolean delete(String userId, UUID runId) {
        return jdbc.sql("DELETE FROM analysis_run WHERE run_id = :runId AND user_id = :userId")
                .param("runId", runId)
                .param("userId", userId)
                .update() > 0;
    }
}
