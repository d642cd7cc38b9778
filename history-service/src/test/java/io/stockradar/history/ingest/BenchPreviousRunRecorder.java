package io.stockradar.history.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.event.AnalysisCompletedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * For the benchmark only (bench/history, variant {@code previous-recorder}): the batch write as it was
 * before 2026-11-26 10:00Z (two tombstone look-ups, result rows as ONE {@code INSERT ... SELECT FROM
 * unnest} of 10 arrays with the agents serialized by Jackson and cast to jsonb), so the old and the
 * current write can be compared in the same run. Not used by any test or by the service.
 */
class BenchPreviousRunRecorder extends RunRecorder {

    /**
     * Added to the service's sources by the benchmark; its recorder then replaces the current one.
     * Deliberately not a {@code @Configuration}: component scanning (e.g. in the integration tests) skips it.
     */
    public static class Config {
        @Bean
        @Primary
        RunRecorder previousRunRecorder(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json,
                                        MeterRegistry meters) {
            return new BenchPreviousRunRecorder(jdbc, jdbcTemplate, json, meters);
        }
    }

    private static final String LOCK_USERS_SHARED = """
            SELECT count(pg_advisory_xact_lock_shared(k))
            FROM (SELECT DISTINCT hashtextextended(u, 0) AS k FROM unnest(?::text[]) AS u ORDER BY k) AS keys""";

    private static final String INSERT_RUNS = """
            INSERT INTO analysis_run (run_id, event_id, user_id, universe, request, regime_market, regime,
                                      regime_volatility, regime_risk_appetite, data_as_of, source, result_count,
                                      occurred_at)
            SELECT e.run_id, e.event_id, e.user_id, e.universe, CAST(e.request AS jsonb), e.regime_market, e.regime,
                   e.regime_volatility, e.risk_appetite, CAST(e.data_as_of AS date), e.source, e.result_count,
                   CAST(e.occurred_at AS timestamptz)
            FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::float8[], ?::text[], ?::text[], ?::int4[], ?::text[])
                 AS e(run_id, event_id, user_id, universe, request, regime_market, regime, regime_volatility,
                      risk_appetite, data_as_of, source, result_count, occurred_at)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING run_id""";

    private static final String INSERT_RESULTS = """
            INSERT INTO analysis_result (run_id, rank, user_id, symbol, name, composite, grade, action, agents, price)
            SELECT r.run_id, r.rank, r.user_id, r.symbol, r.name, r.composite, r.grade, r.action,
                   CAST(r.agents AS jsonb), r.price
            FROM unnest(?::uuid[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::text[],
                        ?::text[], ?::float8[])
                 AS r(run_id, rank, user_id, symbol, name, composite, grade, action, agents, price)""";

    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;

    BenchPreviousRunRecorder(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json, MeterRegistry meters) {
        super(jdbc, jdbcTemplate, json, meters);
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    @Override
    @Transactional
    List<Outcome> record(List<AnalysisCompletedEvent> events) {
        Outcome[] outcomes = new Outcome[events.size()];
        if (events.isEmpty()) {
            return List.of();
        }
        Object[] sorted = new TreeSet<>(events.stream().map(AnalysisCompletedEvent::userId).toList()).toArray();
        jdbcTemplate.query(connection -> statement(connection, LOCK_USERS_SHARED, connection.createArrayOf("text", sorted)),
                rs -> { });
        Set<String> deletedUsers = new HashSet<>(jdbcTemplate.query(
                connection -> statement(connection, "SELECT user_id FROM deleted_user WHERE user_id = ANY(?::text[])",
                        connection.createArrayOf("text", events.stream().map(AnalysisCompletedEvent::userId).toArray())),
                (rs, row) -> rs.getString(1)));
        Set<UUID> deletedRuns = new HashSet<>(jdbcTemplate.query(
                connection -> statement(connection, "SELECT run_id FROM deleted_run WHERE run_id = ANY(?::uuid[])",
                        connection.createArrayOf("uuid", events.stream().map(AnalysisCompletedEvent::runId).toArray())),
                (rs, row) -> rs.getObject(1, UUID.class)));
        Set<UUID> seenEvents = new HashSet<>();
        List<AnalysisCompletedEvent> candidates = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            AnalysisCompletedEvent event = events.get(i);
            if (!seenEvents.add(event.eventId())) {
                outcomes[i] = Outcome.DUPLICATE;
            } else if (deletedUsers.contains(event.userId())) {
                outcomes[i] = Outcome.USER_DELETED;
            } else if (deletedRuns.contains(event.runId())) {
                outcomes[i] = Outcome.RUN_DELETED;
            } else {
                candidates.add(event);
            }
        }
        Set<UUID> inserted = insertRuns(candidates);
        insertResults(candidates.stream().filter(event -> inserted.contains(event.runId())).toList());
        for (int i = 0; i < events.size(); i++) {
            if (outcomes[i] == null) {
                outcomes[i] = inserted.contains(events.get(i).runId()) ? Outcome.STORED : Outcome.DUPLICATE;
            }
        }
        return Arrays.asList(outcomes);
    }

    private Set<UUID> insertRuns(List<AnalysisCompletedEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        int n = events.size();
        Object[][] c = new Object[13][n];
        for (int i = 0; i < n; i++) {
            AnalysisCompletedEvent event = events.get(i);
            AnalysisCompletedEvent.Regime regime = event.regime();
            c[0][i] = event.runId();
            c[1][i] = event.eventId();
            c[2][i] = event.userId();
            c[3][i] = event.universe();
            c[4][i] = json.writeValueAsString(event.request());
            c[5][i] = regime == null ? null : regime.market();
            c[6][i] = regime == null ? null : regime.regime();
            c[7][i] = regime == null ? null : regime.volatility();
            c[8][i] = regime == null ? null : regime.riskAppetite();
            c[9][i] = event.dataAsOf() == null ? null : event.dataAsOf().toString();
            c[10][i] = event.source();
            c[11][i] = event.results().size();
            c[12][i] = event.occurredAt().toString();
        }
        String[] types = {"uuid", "uuid", "text", "text", "text", "text", "text", "text", "float8", "text", "text",
                "int4", "text"};
        return new HashSet<>(jdbcTemplate.query(connection -> {
            java.sql.Array[] arrays = new java.sql.Array[13];
            for (int k = 0; k < 13; k++) {
                arrays[k] = connection.createArrayOf(types[k], c[k]);
            }
            return statement(connection, INSERT_RUNS, arrays);
        }, (rs, row) -> rs.getObject(1, UUID.class)));
    }

    private void insertResults(List<AnalysisCompletedEvent> events) {
        int n = events.stream().mapToInt(event -> event.results().size()).sum();
        if (n == 0) {
            return;
        }
        Object[][] c = new Object[10][n];
        int i = 0;
        for (AnalysisCompletedEvent event : events) {
            for (AnalysisCompletedEvent.Result result : event.results()) {
                c[0][i] = event.runId();
                c[1][i] = result.rank();
                c[2][i] = event.userId();
                c[3][i] = result.symbol();
                c[4][i] = result.name();
                c[5][i] = result.composite();
                c[6][i] = result.grade();
                c[7][i] = result.action();
                c[8][i] = json.writeValueAsString(result.agents());
                c[9][i] = result.price();
                i++;
            }
        }
        String[] types = {"uuid", "int4", "text", "text", "text", "float8", "text", "text", "text", "float8"};
        jdbcTemplate.update(connection -> {
            java.sql.Array[] arrays = new java.sql.Array[10];
            for (int k = 0; k < 10; k++) {
                arrays[k] = connection.createArrayOf(types[k], c[k]);
            }
            return statement(connection, INSERT_RESULTS, arrays);
        });
    }

    private static PreparedStatement statement(Connection connection, String sql, java.sql.Array... arrays)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < arrays.length; i++) {
            statement.setArray(i + 1, arrays[i]);
        }
        return statement;
    }
}
