package io.stockradar.history.ingest;

import io.stockradar.common.event.AnalysisCompletedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes what the events say, each event in one transaction. Deduplication is the database's job:
 * {@code ON CONFLICT (event_id) DO NOTHING} makes a redelivered event a no-op even when two consumers
 * race on it, and the results are written only when the run row was actually inserted.
 * <p>
 * Both writes first take a transaction-scoped advisory lock on the user id, so a deletion and an
 * analysis of the same user never interleave (which could otherwise leave a run behind a deletion).
 */
@Component
class RunRecorder {

    enum Outcome { STORED, DUPLICATE, USER_DELETED }

    private static final int RESULT_BATCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;

    RunRecorder(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    @Transactional
    Outcome record(AnalysisCompletedEvent event) {
        lockUser(event.userId());
        boolean deleted = jdbc.sql("SELECT EXISTS (SELECT 1 FROM deleted_user WHERE user_id = :userId)")
                .param("userId", event.userId())
                .query(Boolean.class).single();
        if (deleted) {
            return Outcome.USER_DELETED;
        }
        AnalysisCompletedEvent.Regime regime = event.regime();
        int inserted = jdbc.sql("""
                        INSERT INTO analysis_run (run_id, event_id, user_id, universe, request, regime_market, regime,
                                                  regime_volatility, regime_risk_appetite, data_as_of, source,
                                                  result_count, occurred_at)
                        VALUES (:runId, :eventId, :userId, :universe, CAST(:request AS jsonb), :regimeMarket, :regime,
                                :regimeVolatility, :riskAppetite, :dataAsOf, :source, :resultCount, :occurredAt)
                        ON CONFLICT (event_id) DO NOTHING""")
                .param("runId", event.runId())
                .param("eventId", event.eventId())
                .param("userId", event.userId())
                .param("universe", event.universe())
                .param("request", json.writeValueAsString(event.request()))
                .param("regimeMarket", regime == null ? null : regime.market(), Types.VARCHAR)
                .param("regime", regime == null ? null : regime.regime(), Types.VARCHAR)
                .param("regimeVolatility", regime == null ? null : regime.volatility(), Types.VARCHAR)
                .param("riskAppetite", regime == null ? null : regime.riskAppetite(), Types.DOUBLE)
                .param("dataAsOf", event.dataAsOf(), Types.DATE)
                .param("source", event.source(), Types.VARCHAR)
                .param("resultCount", event.results().size())
                .param("occurredAt", utc(event.occurredAt()))
                .update();
        if (inserted == 0) {
            return Outcome.DUPLICATE;
        }
        insertResults(event);
        return Outcome.STORED;
    }

    /** Forgets everything of a user and remembers that the account is gone. Returns the runs deleted. */
    @Transactional
    int eraseUser(String userId) {
        lockUser(userId);
        jdbc.sql("INSERT INTO deleted_user (user_id) VALUES (:userId) ON CONFLICT (user_id) DO NOTHING")
                .param("userId", userId)
                .update();
        // analysis_result rows go with their run (ON DELETE CASCADE)
        return jdbc.sql("DELETE FROM analysis_run WHERE user_id = :userId")
                .param("userId", userId)
                .update();
    }

    private void insertResults(AnalysisCompletedEvent event) {
        List<AnalysisCompletedEvent.Result> results = event.results();
        if (results.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                        INSERT INTO analysis_result (run_id, rank, user_id, symbol, name, composite, grade, action,
                                                     agents, price)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)""",
                results, RESULT_BATCH_SIZE, (statement, result) -> {
                    statement.setObject(1, event.runId());
                    statement.setInt(2, result.rank());
                    statement.setString(3, event.userId());
                    statement.setString(4, result.symbol());
                    statement.setString(5, result.name());
                    statement.setDouble(6, result.composite());
                    statement.setString(7, result.grade());
                    statement.setString(8, result.action());
                    statement.setString(9, json.writeValueAsString(result.agents()));
                    if (result.price() == null) {
                        statement.setNull(10, Types.DOUBLE);
                    } else {
                        statement.setDouble(10, result.price());
                    }
                });
    }

    private void lockUser(String userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:userId, 0))")
                .param("userId", userId)
                .query(rs -> { });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
