package io.stockradar.history.ingest;

import io.stockradar.common.event.AnalysisCompletedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
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
 * Writes what the events say: a whole batch of events in one transaction and a constant number of
 * statements (runs and results each as ONE multi-row {@code INSERT ... SELECT FROM unnest(arrays)}), so
 * the cost of a durable commit is shared by every event of a Kafka poll.
 * <p>
 * Deduplication is the database's job: {@code ON CONFLICT (event_id) DO NOTHING} makes a redelivered
 * event a no-op even when two consumers race on it, and results are written only for runs that were
 * actually inserted ({@code RETURNING run_id}). A different event for an already recorded run violates
 * the primary key on {@code run_id}: the statement, and so the whole batch, fails with a
 * {@code DataIntegrityViolationException}; the caller then isolates the offending event.
 * <p>
 * Every batch first takes a transaction-scoped advisory lock per user id in SHARED mode (in ascending key
 * order), and an account erasure or a run deletion takes that user's lock EXCLUSIVELY: a deletion and an
 * analysis of the same user never interleave, and the tombstones read here ({@code deleted_user},
 * {@code deleted_run}) are final for the rest of the transaction, while concurrent batches, which
 * nearly always share users, never wait for each other (races between them are settled by the
 * {@code event_id} and {@code run_id} constraints). A deletion locks a single key, so no lock cycle can
 * form between it and a batch.
 */
@Component
class RunRecorder {

    enum Outcome {
        /** inserted with its results */
        STORED,
        /** its event id was already recorded (a redelivery or a duplicate publication) */
        DUPLICATE,
        /** its user's account was deleted: dropped */
        USER_DELETED,
        /** its run was deleted by the user: dropped (tombstone in {@code deleted_run}) */
        RUN_DELETED
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

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;

    RunRecorder(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    /**
     * Records {@code events} in one transaction.
     *
     * @return the outcome of each event, in the order given; a later copy of an event id within the list is
     * a {@link Outcome#DUPLICATE}
     * @throws org.springframework.dao.DataIntegrityViolationException when the database rejects an event
     *         (nothing of the batch is stored then)
     */
    @Transactional
    List<Outcome> record(List<AnalysisCompletedEvent> events) {
        Outcome[] outcomes = new Outcome[events.size()];
        if (events.isEmpty()) {
            return List.of();
        }
        lockUsersShared(events.stream().map(AnalysisCompletedEvent::userId).collect(HashSet::new, Set::add, Set::addAll));
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

    /**
     * Forgets everything of a user and remembers that the account is gone (the per-run tombstones of the
     * user are superseded by the account's). Returns the runs deleted.
     */
    @Transactional
    int eraseUser(String userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:userId, 0))").param("userId", userId).query(rs -> { });
        jdbc.sql("INSERT INTO deleted_user (user_id) VALUES (:userId) ON CONFLICT (user_id) DO NOTHING")
                .param("userId", userId)
                .update();
        jdbc.sql("DELETE FROM deleted_run WHERE user_id = :userId").param("userId", userId).update();
        // analysis_result rows (and their outcomes) go with their run (ON DELETE CASCADE)
        return jdbc.sql("DELETE FROM analysis_run WHERE user_id = :userId")
                .param("userId", userId)
                .update();
    }

    private Set<UUID> insertRuns(List<AnalysisCompletedEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        int n = events.size();
        Object[] runIds = new Object[n];
        Object[] eventIds = new Object[n];
        Object[] userIds = new Object[n];
        Object[] universes = new Object[n];
        Object[] requests = new Object[n];
        Object[] regimeMarkets = new Object[n];
        Object[] regimes = new Object[n];
        Object[] volatilities = new Object[n];
        Object[] riskAppetites = new Object[n];
        Object[] dataAsOf = new Object[n];
        Object[] sources = new Object[n];
        Object[] resultCounts = new Object[n];
        Object[] occurredAt = new Object[n];
        for (int i = 0; i < n; i++) {
            AnalysisCompletedEvent event = events.get(i);
            AnalysisCompletedEvent.Regime regime = event.regime();
            runIds[i] = event.runId();
            eventIds[i] = event.eventId();
            userIds[i] = event.userId();
            universes[i] = event.universe();
            requests[i] = json.writeValueAsString(event.request());
            regimeMarkets[i] = regime == null ? null : regime.market();
            regimes[i] = regime == null ? null : regime.regime();
            volatilities[i] = regime == null ? null : regime.volatility();
            riskAppetites[i] = regime == null ? null : regime.riskAppetite();
            dataAsOf[i] = event.dataAsOf() == null ? null : event.dataAsOf().toString();
            sources[i] = event.source();
            resultCounts[i] = event.results().size();
            occurredAt[i] = event.occurredAt().toString();
        }
        List<UUID> inserted = jdbcTemplate.query(connection -> statement(connection, INSERT_RUNS,
                        connection.createArrayOf("uuid", runIds), connection.createArrayOf("uuid", eventIds),
                        connection.createArrayOf("text", userIds), connection.createArrayOf("text", universes),
                        connection.createArrayOf("text", requests), connection.createArrayOf("text", regimeMarkets),
                        connection.createArrayOf("text", regimes), connection.createArrayOf("text", volatilities),
                        connection.createArrayOf("float8", riskAppetites), connection.createArrayOf("text", dataAsOf),
                        connection.createArrayOf("text", sources), connection.createArrayOf("int4", resultCounts),
                        connection.createArrayOf("text", occurredAt)),
                (rs, row) -> rs.getObject(1, UUID.class));
        return new HashSet<>(inserted);
    }

    private void insertResults(List<AnalysisCompletedEvent> events) {
        int n = events.stream().mapToInt(event -> event.results().size()).sum();
        if (n == 0) {
            return;
        }
        Object[] runIds = new Object[n];
        Object[] ranks = new Object[n];
        Object[] userIds = new Object[n];
        Object[] symbols = new Object[n];
        Object[] names = new Object[n];
        Object[] composites = new Object[n];
        Object[] grades = new Object[n];
        Object[] actions = new Object[n];
        Object[] agents = new Object[n];
        Object[] prices = new Object[n];
        int i = 0;
        for (AnalysisCompletedEvent event : events) {
            for (AnalysisCompletedEvent.Result result : event.results()) {
                runIds[i] = event.runId();
                ranks[i] = result.rank();
                userIds[i] = event.userId();
                symbols[i] = result.symbol();
                names[i] = result.name();
                composites[i] = result.composite();
                grades[i] = result.grade();
                actions[i] = result.action();
                agents[i] = json.writeValueAsString(result.agents());
                prices[i] = result.price();
                i++;
            }
        }
        jdbcTemplate.update(connection -> statement(connection, INSERT_RESULTS,
                connection.createArrayOf("uuid", runIds), connection.createArrayOf("int4", ranks),
                connection.createArrayOf("text", userIds), connection.createArrayOf("text", symbols),
                connection.createArrayOf("text", names), connection.createArrayOf("float8", composites),
                connection.createArrayOf("text", grades), connection.createArrayOf("text", actions),
                connection.createArrayOf("text", agents), connection.createArrayOf("float8", prices)));
    }

    /** One shared lock per distinct user, taken in ascending key order by a single statement. */
    private void lockUsersShared(Set<String> userIds) {
        Object[] sorted = new TreeSet<>(userIds).toArray();
        jdbcTemplate.query(connection -> statement(connection, LOCK_USERS_SHARED, connection.createArrayOf("text", sorted)),
                rs -> { });
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
