package io.stockradar.history.runs;

import io.stockradar.history.runs.HistoryResponses.AgentScoreResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes runs as CSV, one record per result, straight from a server-side cursor to the response: the
 * whole history is never held in memory. Columns: {@code run_date} (recording instant, UTC),
 * {@code run_id}, {@code universe}, {@code data_as_of}, {@code rank}, {@code symbol}, {@code name},
 * {@code composite}, {@code grade}, {@code action}, one {@code <agent>_score} per agent found in the
 * exported results (empty where the agent abstained or did not vote), {@code price}.
 */
@Repository
class RunCsvExport {

    /** Agents in the order the screener presents them; agents unknown to this list follow alphabetically. */
    static final List<String> AGENT_ORDER = List.of("regime", "sector", "technical", "fundamental", "risk");
    private static final int FETCH_SIZE = 1_000;
    private static final TypeReference<Map<String, AgentScoreResponse>> AGENTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RunCsvExport(DataSource dataSource, JsonMapper json) {
        // the PostgreSQL driver streams with a fetch size only inside a transaction (see @Transactional)
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(FETCH_SIZE);
        this.jdbc = JdbcClient.create(streaming);
        this.json = json;
    }

    /** Whether the user owns this run; checked before anything is written, so a stranger gets a 404. */
    @Transactional(readOnly = true)
    boolean owns(String userId, UUID runId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM analysis_run WHERE run_id = :runId AND user_id = :userId)")
                .param("runId", runId)
                .param("userId", userId)
                .query(Boolean.class).single();
    }

    /** One run of the user, by rank. */
    @Transactional(readOnly = true)
    void writeRun(String userId, UUID runId, Writer out) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("userId", userId);
        params.put("runId", runId);
        write("a.user_id = :userId AND a.run_id = :runId", params, out);
    }

    /** Every run the history query selects (its paging ignored), newest first, each by rank. */
    @Transactional(readOnly = true)
    void writeHistory(HistoryQuery query, Writer out) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        RunHistoryQueries.appendFilters(query, where, params);
        write(where.toString(), params, out);
    }

    private void write(String where, Map<String, Object> params, Writer out) {
        List<String> agents = jdbc.sql("SELECT DISTINCT jsonb_object_keys(r.agents) FROM analysis_run a"
                        + " JOIN analysis_result r ON r.run_id = a.run_id WHERE " + where)
                .params(params)
                .query(String.class).list().stream()
                .sorted(Comparator.<String>comparingInt(agent -> AGENT_ORDER.contains(agent)
                        ? AGENT_ORDER.indexOf(agent) : AGENT_ORDER.size()).thenComparing(Comparator.naturalOrder()))
                .toList();
        List<String> header = new ArrayList<>(List.of("run_date", "run_id", "universe", "data_as_of", "rank", "symbol",
                "name", "composite", "grade", "action"));
        agents.forEach(agent -> header.add(agent + "_score"));
        header.add("price");
        append(out, CsvCells.record(header.stream().map(CsvCells::text).toList()));

        jdbc.sql("""
                        SELECT a.created_at, a.run_id, a.universe, a.data_as_of, r.rank, r.symbol, r.name, r.composite,
                               r.grade, r.action, r.agents::text AS agents, r.price
                        FROM analysis_run a JOIN analysis_result r ON r.run_id = a.run_id
                        WHERE %s
                        ORDER BY a.created_at DESC, a.run_id DESC, r.rank""".formatted(where))
                .params(params)
                .query(rs -> {
                    Map<String, AgentScoreResponse> votes = json.readValue(rs.getString("agents"), AGENTS);
                    List<String> cells = new ArrayList<>(header.size());
                    cells.add(CsvCells.text(rs.getObject("created_at", OffsetDateTime.class).toInstant().toString()));
                    cells.add(CsvCells.text(rs.getObject("run_id", UUID.class).toString()));
                    cells.add(CsvCells.text(rs.getString("universe")));
                    LocalDate dataAsOf = rs.getObject("data_as_of", LocalDate.class);
                    cells.add(dataAsOf == null ? "" : dataAsOf.toString());
                    cells.add(Integer.toString(rs.getInt("rank")));
                    cells.add(CsvCells.text(rs.getString("symbol")));
                    cells.add(CsvCells.text(rs.getString("name")));
                    cells.add(CsvCells.number(rs.getDouble("composite")));
                    cells.add(CsvCells.text(rs.getString("grade")));
                    cells.add(CsvCells.text(rs.getString("action")));
                    for (String agent : agents) {
                        AgentScoreResponse vote = votes.get(agent);
                        cells.add(vote == null || vote.abstained() ? "" : CsvCells.number(vote.score()));
                    }
                    cells.add(CsvCells.number(rs.getObject("price", Double.class)));
                    append(out, CsvCells.record(cells));
                });
    }

    private static void append(Writer out, String record) {
        try {
            out.write(record);
        } catch (IOException e) {
            // the client went away: stop reading rows
            throw new UncheckedIOException(e);
        }
    }
}
