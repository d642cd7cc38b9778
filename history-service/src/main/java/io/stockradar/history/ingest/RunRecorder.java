package io.stockradar.history.ingest;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Writes what the events say: a whole batch of events in one transaction and a constant number of
 * statements (the user locks, one tombstone look-up, the runs as ONE multi-row
 * {@code INSERT ... SELECT FROM unnest(arrays)}, the results as ONE {@code COPY}), so the cost of a
 * durable commit is shared by every event of a Kafka poll.
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

    /** Timer of each step of {@link #record}, tagged {@code step}: locks, tombstones, runs, results. */
    static final String STEP_TIMER = "stockradar.history.ingest.batch.step";

    private static final String LOCK_USERS_SHARED = """
            SELECT count(pg_advisory_xact_lock_shared(k))
            FROM (SELECT DISTINCT hashtextextended(u, 0) AS k FROM unnest(?::text[]) AS u ORDER BY k) AS keys""";

    private static final String TOMBSTONES = """
            SELECT user_id, NULL::uuid FROM deleted_user WHERE user_id = ANY(?::text[])
            UNION ALL
            SELECT NULL, run_id FROM deleted_run WHERE run_id = ANY(?::uuid[])""";

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

    /**
     * Result rows are streamed with COPY (text format) rather than an {@code INSERT ... SELECT FROM unnest}:
     * no array literals to build and parse, and PostgreSQL inserts the rows in multi-row heap batches. The
     * constraints (primary key, foreign key to the run, checks) apply exactly as to an INSERT, and a
     * violation fails the COPY, and so the transaction, in the same way. Measured on a batch of 4,000
     * result rows: 47 ms instead of 61.5 ms (bench/history/README.md).
     */
    static final String COPY_RESULTS = """
            COPY analysis_result (run_id, rank, user_id, symbol, name, composite, grade, action, agents, price)
            FROM STDIN""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;
    private final Timer lockTimer;
    private final Timer tombstoneTimer;
    private final Timer runTimer;
    private final Timer resultTimer;

    RunRecorder(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
        this.lockTimer = statementTimer(meters, "locks");
        this.tombstoneTimer = statementTimer(meters, "tombstones");
        this.runTimer = statementTimer(meters, "runs");
        this.resultTimer = statementTimer(meters, "results");
    }

    /** Where a batch's database time goes, per step (the commit is the rest of the batch store timer). */
    private static Timer statementTimer(MeterRegistry meters, String step) {
        return Timer.builder(STEP_TIMER).tag("step", step)
                .description("time of one step of storing an analysis-completed batch, statements and encoding included")
                .register(meters);
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
        long start = System.nanoTime();
        lockUsersShared(events.stream().map(AnalysisCompletedEvent::userId).collect(HashSet::new, Set::add, Set::addAll));
        start = lap(lockTimer, start);
        // both kinds of tombstone in one round trip, read after the locks are held (a statement of its own, so
        // its snapshot sees every deletion that committed before the locks were granted)
        Set<String> deletedUsers = new HashSet<>();
        Set<UUID> deletedRuns = new HashSet<>();
        jdbcTemplate.query(connection -> statement(connection, TOMBSTONES,
                        connection.createArrayOf("text", events.stream().map(AnalysisCompletedEvent::userId).toArray()),
                        connection.createArrayOf("uuid", events.stream().map(AnalysisCompletedEvent::runId).toArray())),
                rs -> {
                    if (rs.getString(1) != null) {
                        deletedUsers.add(rs.getString(1));
                    } else {
                        deletedRuns.add(rs.getObject(2, UUID.class));
                    }
                });
        start = lap(tombstoneTimer, start);

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
        start = lap(runTimer, start);
        insertResults(candidates.stream().filter(event -> inserted.contains(event.runId())).toList());
        lap(resultTimer, start);
        for (int i = 0; i < events.size(); i++) {
            if (outcomes[i] == null) {
                outcomes[i] = inserted.contains(events.get(i).runId()) ? Outcome.STORED : Outcome.DUPLICATE;
            }
        }
        return Arrays.asList(outcomes);
    }

    private static long lap(Timer timer, long start) {
        long now = System.nanoTime();
        timer.record(now - start, TimeUnit.NANOSECONDS);
        return now;
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
        StringBuilder rows = new StringBuilder(events.size() * 2_560);
        StringBuilder agents = new StringBuilder(256);
        for (AnalysisCompletedEvent event : events) {
            String runId = event.runId().toString();
            for (AnalysisCompletedEvent.Result result : event.results()) {
                rows.append(runId).append('\t').append(result.rank()).append('\t');
                copyText(rows, event.userId()).append('\t');
                copyText(rows, result.symbol()).append('\t');
                copyText(rows, result.name()).append('\t');
                rows.append(result.composite()).append('\t');
                copyText(rows, result.grade()).append('\t');
                copyText(rows, result.action()).append('\t');
                agents.setLength(0);
                copyText(rows, agentsJson(agents, result.agents())).append('\t');
                if (result.price() == null) {
                    rows.append("\\N");
                } else {
                    rows.append(result.price().doubleValue());
                }
                rows.append('\n');
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        // the transaction's connection; an SQLException (e.g. a constraint violation) is translated as for an INSERT
        jdbcTemplate.execute((ConnectionCallback<Long>) connection -> {
            try {
                // encoded here as a whole (the driver's Reader variant encodes 64K-char chunks separately and
                // would split a surrogate pair on a chunk boundary); the driver's client_encoding is UTF8
                return connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn(COPY_RESULTS, new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new SQLException("COPY of analysis results failed", e);
            }
        });
    }

    /**
     * The agents' votes as the JSON object stored in {@code agents}:
     * {@code {"technical":{"score":80.0,"abstained":false},...}}. Written by hand because it was the
     * listener's second largest CPU cost after reading the events (Jackson serializing 10 maps per event);
     * PostgreSQL parses it into jsonb, so the text only has to be valid JSON of the same value.
     */
    static StringBuilder agentsJson(StringBuilder out, Map<String, AnalysisCompletedEvent.AgentScore> agents) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, AnalysisCompletedEvent.AgentScore> agent : agents.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            jsonString(out, agent.getKey()).append(":{\"score\":");
            Double score = agent.getValue().score();
            if (score == null) {
                out.append("null");
            } else {
                out.append(score.doubleValue());
            }
            out.append(",\"abstained\":").append(agent.getValue().abstained()).append('}');
        }
        return out.append('}');
    }

    private static StringBuilder jsonString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }

    /** Appends {@code value} as a field of COPY's text format: \N for null, backslash escapes otherwise. */
    static StringBuilder copyText(StringBuilder out, CharSequence value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
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
