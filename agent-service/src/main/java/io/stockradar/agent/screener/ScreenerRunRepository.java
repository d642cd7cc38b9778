package io.stockradar.agent.screener;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code screener_run} rows. Every state change is a conditional UPDATE on the current status, so a
 * cancel racing a completion has exactly one winner and a run is claimed for execution exactly once.
 */
@Repository
class ScreenerRunRepository {

    private static final TypeReference<List<RunResult>> RESULTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ScreenerRunRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insertQueued(UUID id, String userId, String universe, ScreenerRunRequest request, String acceptedBy, Instant now) {
        jdbc.sql("""
                        INSERT INTO screener_run (id, user_id, status, universe, request, phase, accepted_by, created_at,
                                                  owned_since)
                        VALUES (:id, :user, 'QUEUED', :universe, CAST(:request AS jsonb), 'QUEUED', :acceptedBy, :now, now())
                        """)
                .param("id", id)
                .param("user", userId)
                .param("universe", universe)
                .param("request", json.writeValueAsString(request))
                .param("acceptedBy", acceptedBy)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Takes the user's submission lock until the transaction ends (a PostgreSQL advisory lock, so it holds across
     * instances): counting the user's unfinished runs and inserting one is then atomic.
     */
    void lockUserSubmissions(String userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('stockradar.screener.user'), hashtext(:user))")
                .param("user", userId).query((rs, row) -> 1).single();
    }

    /** The user's runs QUEUED or RUNNING. */
    int countInFlight(String userId) {
        return jdbc.sql("SELECT count(*) FROM screener_run WHERE user_id = :user AND status IN ('QUEUED', 'RUNNING')")
                .param("user", userId).query(Integer.class).single();
    }

    /** The ids of every run of the user. */
    List<UUID> runIdsOf(String userId) {
        return jdbc.sql("SELECT id FROM screener_run WHERE user_id = :user").param("user", userId)
                .query((rs, row) -> rs.getObject(1, UUID.class)).list();
    }

    /** Deletes every run of the user (their chunk results go with them: ON DELETE CASCADE). */
    int deleteUser(String userId) {
        return jdbc.sql("DELETE FROM screener_run WHERE user_id = :user").param("user", userId).update();
    }

    /** The ids of finished runs created before {@code before}, at most {@code limit}. */
    List<UUID> finishedBefore(Instant before, int limit) {
        return jdbc.sql("""
                        SELECT id FROM screener_run
                        WHERE created_at < :before AND status IN ('COMPLETED', 'FAILED', 'CANCELLED')
                        LIMIT :limit
                        """)
                .param("before", Timestamp.from(before)).param("limit", limit)
                .query((rs, row) -> rs.getObject(1, UUID.class)).list();
    }

    int delete(List<UUID> ids) {
        return ids.isEmpty() ? 0 : jdbc.sql("DELETE FROM screener_run WHERE id IN (:ids)").param("ids", ids).update();
    }

    /** The run if it belongs to the user; another user's run is indistinguishable from none. */
    Optional<ScreenerRun> findForUser(UUID id, String userId) {
        return jdbc.sql("SELECT * FROM screener_run WHERE id = :id AND user_id = :user")
                .param("id", id)
                .param("user", userId)
                .query(this::map)
                .optional();
    }

    Optional<ScreenerRun> find(UUID id) {
        return jdbc.sql("SELECT * FROM screener_run WHERE id = :id").param("id", id).query(this::map).optional();
    }

    Optional<RunStatus> status(UUID id) {
        return jdbc.sql("SELECT status FROM screener_run WHERE id = :id").param("id", id)
                .query((rs, row) -> RunStatus.valueOf(rs.getString(1))).optional();
    }

    /** QUEUED → RUNNING, only on the instance that accepted the run. False if cancelled or claimed already. */
    boolean claim(UUID id, String instanceId, Instant now) {
        return jdbc.sql("""
                        UPDATE screener_run SET status = 'RUNNING', started_at = :now, phase = 'LOADING_DATA'
                        WHERE id = :id AND status = 'QUEUED' AND accepted_by = :instance
                        """)
                .param("id", id).param("instance", instanceId).param("now", Timestamp.from(now))
                .update() == 1;
    }

    boolean progress(UUID id, int done, int total, String phase) {
        return jdbc.sql("""
                        UPDATE screener_run SET progress_done = :done, progress_total = :total, phase = :phase
                        WHERE id = :id AND status = 'RUNNING'
                        """)
                .param("id", id).param("done", done).param("total", total).param("phase", phase)
                .update() == 1;
    }

    /** RUNNING → COMPLETED with the results; false if the run was cancelled meanwhile. */
    boolean complete(UUID id, List<RunResult> results, List<String> missing, RunRegime regime, LocalDate dataAsOf,
                     String source, int total, Instant now) {
        return jdbc.sql("""
                        UPDATE screener_run SET status = 'COMPLETED', results = CAST(:results AS jsonb),
                               missing = CAST(:missing AS jsonb), regime = CAST(:regime AS jsonb), data_as_of = :asOf,
                               source = :source, progress_done = :total, progress_total = :total, phase = 'DONE',
                               completed_at = :now
                        WHERE id = :id AND status = 'RUNNING'
                        """)
                .param("id", id)
                .param("results", json.writeValueAsString(results))
                .param("missing", json.writeValueAsString(missing))
                .param("regime", json.writeValueAsString(regime))
                .param("asOf", dataAsOf)
                .param("source", source)
                .param("total", total)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /**
     * A prepared RUNNING run: what every chunk needs to know to be ranked and reported. False if the run was
     * cancelled meanwhile, or taken over from {@code owner} (it was presumed dead: the new owner prepares it).
     */
    boolean prepared(UUID id, String owner, int total, int chunkCount, RunRegime regime, List<String> missing,
                     LocalDate dataAsOf, String source) {
        return jdbc.sql("""
                        UPDATE screener_run SET progress_done = 0, progress_total = :total, chunk_count = :chunks,
                               phase = 'ANALYZING', regime = CAST(:regime AS jsonb), missing = CAST(:missing AS jsonb),
                               data_as_of = :asOf, source = :source, progress_at = now()
                        WHERE id = :id AND status = 'RUNNING' AND accepted_by = :owner
                        """)
                .param("id", id)
                .param("owner", owner)
                .param("total", total)
                .param("chunks", chunkCount)
                .param("regime", json.writeValueAsString(regime))
                .param("missing", json.writeValueAsString(missing))
                .param("asOf", dataAsOf)
                .param("source", source)
                .update() == 1;
    }

    /** The run, its row locked until the transaction ends: serializes the chunk stores of one run. */
    Optional<ScreenerRun> lock(UUID id) {
        return jdbc.sql("SELECT * FROM screener_run WHERE id = :id FOR UPDATE").param("id", id).query(this::map).optional();
    }

    boolean chunkStored(UUID runId, int chunkNo) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM screener_chunk_result WHERE run_id = :id AND chunk_no = :no)")
                .param("id", runId).param("no", chunkNo).query(Boolean.class).single();
    }

    /** Stores a chunk's results; false (and nothing changes) if that chunk was stored already. */
    boolean insertChunk(UUID runId, int chunkNo, int symbolCount, List<RunResult> results, String processedBy, Instant now) {
        return jdbc.sql("""
                        INSERT INTO screener_chunk_result (run_id, chunk_no, symbol_count, results, processed_by, created_at)
                        VALUES (:id, :no, :symbols, CAST(:results AS jsonb), :by, :now)
                        ON CONFLICT (run_id, chunk_no) DO NOTHING
                        """)
                .param("id", runId).param("no", chunkNo).param("symbols", symbolCount)
                .param("results", json.writeValueAsString(results)).param("by", processedBy)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /**
     * Counts a stored chunk on its RUNNING run (progress and chunks done) and returns the run, its row now
     * locked until the transaction ends; empty if the run is not RUNNING (cancelled, failed, unknown).
     */
    Optional<CountedChunk> countChunk(UUID runId, int symbolCount) {
        return jdbc.sql("""
                        UPDATE screener_run SET chunks_done = chunks_done + 1, progress_done = progress_done + :symbols,
                               progress_at = now()
                        WHERE id = :id AND status = 'RUNNING'
                        RETURNING *
                        """)
                .param("id", runId).param("symbols", symbolCount)
                .query((rs, row) -> new CountedChunk(map(rs, row), rs.getInt("chunks_done")))
                .optional();
    }

    /** A run right after a chunk was counted on it, and how many of its chunks are stored now. */
    record CountedChunk(ScreenerRun run, int chunksDone) {
    }

    /** Chunks stored so far and the symbols they covered. */
    ChunkProgress chunkProgress(UUID runId) {
        return jdbc.sql("""
                        SELECT count(*) AS chunks, coalesce(sum(symbol_count), 0) AS symbols
                        FROM screener_chunk_result WHERE run_id = :id
                        """)
                .param("id", runId)
                .query((rs, row) -> new ChunkProgress(rs.getInt("chunks"), rs.getInt("symbols")))
                .single();
    }

    /** Every stored chunk result of the run, unranked, in chunk order. */
    List<RunResult> chunkResults(UUID runId) {
        List<String> chunks = jdbc.sql("SELECT results FROM screener_chunk_result WHERE run_id = :id ORDER BY chunk_no")
                .param("id", runId).query(String.class).list();
        return chunks.stream().flatMap(results -> json.readValue(results, RESULTS).stream()).toList();
    }

    record ChunkProgress(int chunks, int symbols) {
    }

    boolean fail(UUID id, String error, Instant now) {
        return jdbc.sql("""
                        UPDATE screener_run SET status = 'FAILED', error = :error, phase = 'FAILED', completed_at = :now
                        WHERE id = :id AND status IN ('QUEUED', 'RUNNING')
                        """)
                .param("id", id).param("error", error).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** As {@link #fail}, only while {@code owner} still owns the run (not after a survivor took it over). */
    boolean failOwned(UUID id, String owner, String error, Instant now) {
        return jdbc.sql("""
                        UPDATE screener_run SET status = 'FAILED', error = :error, phase = 'FAILED', completed_at = :now
                        WHERE id = :id AND status IN ('QUEUED', 'RUNNING') AND accepted_by = :owner
                        """)
                .param("id", id).param("owner", owner).param("error", error).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /**
     * Takes over (for {@code instance}) up to {@code limit} unfinished runs whose owner is gone: its heartbeat
     * is older than {@code staleAfter} or missing, or it restarted after taking the run ({@code started_at >
     * owned_since}: the run belonged to its previous life). An instance never takes a run from itself for
     * staleness (a late heartbeat of its own is not death). A run not yet published (no chunk count) goes back
     * to QUEUED, for the new owner to prepare; a published run keeps its chunks and its progress.
     *
     * <p>Race-safe: the candidates are locked ({@code FOR UPDATE SKIP LOCKED}, so a second survivor skips them)
     * and the update is conditional on the owner read ({@code accepted_by = previous}), so when two survivors
     * race for one run exactly one takes it.
     */
    List<TakenOver> takeOverOrphans(String instance, Duration staleAfter, int limit) {
        return jdbc.sql("""
                        WITH orphan AS (
                            SELECT r.id, r.accepted_by FROM screener_run r
                            WHERE r.status IN ('QUEUED', 'RUNNING')
                              AND NOT EXISTS (
                                  SELECT 1 FROM agent_instance i
                                  WHERE i.instance_id = r.accepted_by AND i.started_at <= r.owned_since
                                    AND (i.instance_id = :instance
                                         OR i.last_seen_at > now() - :staleMillis * interval '1 millisecond'))
                            ORDER BY r.created_at
                            LIMIT :limit
                            FOR UPDATE OF r SKIP LOCKED)
                        UPDATE screener_run r
                        SET accepted_by = :instance, owned_since = now(), progress_at = now(),
                            status = CASE WHEN r.chunk_count IS NULL THEN 'QUEUED' ELSE r.status END,
                            phase = CASE WHEN r.chunk_count IS NULL THEN 'QUEUED' ELSE r.phase END,
                            started_at = CASE WHEN r.chunk_count IS NULL THEN NULL ELSE r.started_at END
                        FROM orphan o
                        WHERE r.id = o.id AND r.accepted_by = o.accepted_by AND r.status IN ('QUEUED', 'RUNNING')
                        RETURNING r.id, o.accepted_by AS previous, r.status
                        """)
                .param("instance", instance)
                .param("staleMillis", staleAfter.toMillis())
                .param("limit", limit)
                .query((rs, row) -> new TakenOver(rs.getObject("id", UUID.class), rs.getString("previous"),
                        RunStatus.valueOf(rs.getString("status"))))
                .list();
    }

    /**
     * Deletes the heartbeat rows of instances silent for longer than {@code forgetAfter} that own no unfinished
     * run (never {@code instance}'s own). Kubernetes names every new pod anew, so without this the rows of every
     * pod that ever ran would pile up. A row whose runs are still unfinished stays until a survivor has taken them
     * over ({@link #takeOverOrphans}); a missing row would mean the same to the takeover, but the row names the
     * previous owner in its log line until then.
     */
    int forgetGoneInstances(String instance, Duration forgetAfter) {
        return jdbc.sql("""
                        DELETE FROM agent_instance i
                        WHERE i.instance_id <> :instance
                          AND i.last_seen_at < now() - :forgetMillis * interval '1 millisecond'
                          AND NOT EXISTS (SELECT 1 FROM screener_run r
                                          WHERE r.accepted_by = i.instance_id AND r.status IN ('QUEUED', 'RUNNING'))
                        """)
                .param("instance", instance)
                .param("forgetMillis", forgetAfter.toMillis())
                .update();
    }

    /** A run just taken over from {@code previousOwner}: QUEUED (to prepare) or RUNNING (chunks published). */
    record TakenOver(UUID id, String previousOwner, RunStatus status) {
    }

    /**
     * {@code instance}'s published runs without a stored chunk for {@code stallAfter}, while their remaining chunks
     * may wait on a consumer that is gone or hangs: an instance silent for {@code stallAfter} within the last
     * {@code deadWindow} (its consumers hold their partitions until the group rebalances), or one with a chunk
     * analysis running for {@code hungAfter}. With every instance alive and working, a run without progress waits
     * in a backlog, and analysing its chunks here too would only double the work of a busy system; only after
     * {@code hungAfter} without progress is it rescued anyway (chunk messages lost or skipped while every consumer
     * lives). Their progress time is reset, so each stall is rescued once.
     */
    List<UUID> claimStalled(String instance, Duration stallAfter, Duration deadWindow, Duration hungAfter) {
        return jdbc.sql("""
                        UPDATE screener_run SET progress_at = now()
                        WHERE accepted_by = :instance AND status = 'RUNNING' AND chunk_count IS NOT NULL
                          AND progress_at < now() - :stallMillis * interval '1 millisecond'
                          AND (progress_at < now() - :hungMillis * interval '1 millisecond'
                               OR EXISTS (SELECT 1 FROM agent_instance i
                                      WHERE (i.last_seen_at < now() - :stallMillis * interval '1 millisecond'
                                             AND i.last_seen_at > now() - :deadWindowMillis * interval '1 millisecond')
                                         OR i.busy_since < now() - :hungMillis * interval '1 millisecond'))
                        RETURNING id
                        """)
                .param("instance", instance)
                .param("stallMillis", stallAfter.toMillis())
                .param("deadWindowMillis", deadWindow.toMillis())
                .param("hungMillis", hungAfter.toMillis())
                .query((rs, row) -> rs.getObject("id", UUID.class))
                .list();
    }

    /**
     * The chunk messages of a prepared run (its outbox rows) that have no stored result yet, in chunk order,
     * and whether each was sent to Kafka already (an unsent one waits for the broker, not for a consumer).
     */
    List<UnstoredChunk> unstoredChunks(UUID runId) {
        return jdbc.sql("""
                        SELECT o.payload, o.published_at IS NOT NULL AS sent FROM outbox_event o
                        WHERE o.topic = :topic AND o.message_key = :key
                          AND NOT EXISTS (SELECT 1 FROM screener_chunk_result c
                                          WHERE c.run_id = :id AND c.chunk_no = (o.payload::jsonb ->> 'chunkNo')::int)
                        ORDER BY (o.payload::jsonb ->> 'chunkNo')::int
                        """)
                .param("topic", ScreenerKafkaConfig.SCREEN_REQUESTED_V1)
                .param("key", runId.toString())
                .param("id", runId)
                .query((rs, row) -> new UnstoredChunk(rs.getString("payload"), rs.getBoolean("sent")))
                .list();
    }

    record UnstoredChunk(String message, boolean sent) {
    }

    /** QUEUED/RUNNING → CANCELLED for the run's owner; false if it had already finished (or is not theirs). */
    boolean cancel(UUID id, String userId, Instant now) {
        return jdbc.sql("""
                        UPDATE screener_run SET status = 'CANCELLED', phase = 'CANCELLED', completed_at = :now
                        WHERE id = :id AND user_id = :user AND status IN ('QUEUED', 'RUNNING')
                        """)
                .param("id", id).param("user", userId).param("now", Timestamp.from(now))
                .update() == 1;
    }

    private ScreenerRun map(ResultSet rs, int row) throws SQLException {
        String results = rs.getString("results");
        String missing = rs.getString("missing");
        String regime = rs.getString("regime");
        java.sql.Date asOf = rs.getDate("data_as_of");
        return new ScreenerRun(
                rs.getObject("id", UUID.class),
                rs.getString("user_id"),
                RunStatus.valueOf(rs.getString("status")),
                rs.getString("universe"),
                json.readValue(rs.getString("request"), ScreenerRunRequest.class),
                rs.getInt("progress_done"),
                rs.getInt("progress_total"),
                rs.getObject("chunk_count", Integer.class),
                rs.getString("phase"),
                results == null ? null : json.readValue(results, RESULTS),
                regime == null ? null : json.readValue(regime, RunRegime.class),
                asOf == null ? null : asOf.toLocalDate(),
                rs.getString("source"),
                rs.getString("error"),
                missing == null ? null : json.readValue(missing, STRINGS),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("completed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
