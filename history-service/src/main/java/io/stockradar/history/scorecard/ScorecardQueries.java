package io.stockradar.history.scorecard;

import io.stockradar.history.scorecard.ScorecardResponse.GroupStatsResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Aggregates {@code pick_outcome} per grade and per agent in SQL. A horizon without an outcome row joins
 * as NULL, and SQL aggregates skip NULLs: too recent picks count in {@code picks} only.
 */
@Repository
@Transactional(readOnly = true)
class ScorecardQueries {

    /** Hit = excess return &gt; 0; {@code FILTER} keeps unmeasured horizons out of the hit rate too. */
    private static final String STATS = """
            count(*) AS picks,
            avg(CASE WHEN o5.excess_return > 0 THEN 1.0::float8 ELSE 0.0::float8 END)
                FILTER (WHERE o5.excess_return IS NOT NULL) AS hit5,
            avg(CASE WHEN o20.excess_return > 0 THEN 1.0::float8 ELSE 0.0::float8 END)
                FILTER (WHERE o20.excess_return IS NOT NULL) AS hit20,
            avg(CASE WHEN o60.excess_return > 0 THEN 1.0::float8 ELSE 0.0::float8 END)
                FILTER (WHERE o60.excess_return IS NOT NULL) AS hit60,
            avg(o5.excess_return) AS avg5, avg(o20.excess_return) AS avg20, avg(o60.excess_return) AS avg60,
            count(o5.excess_return) AS n5, count(o20.excess_return) AS n20, count(o60.excess_return) AS n60""";

    private static final String OUTCOMES = """
            LEFT JOIN pick_outcome o5 ON o5.run_id = r.run_id AND o5.rank = r.rank AND o5.horizon = 5
            LEFT JOIN pick_outcome o20 ON o20.run_id = r.run_id AND o20.rank = r.rank AND o20.horizon = 20
            LEFT JOIN pick_outcome o60 ON o60.run_id = r.run_id AND o60.rank = r.rank AND o60.horizon = 60""";

    /** {@code :userId} NULL = every user. */
    private static final String SCOPE = "(CAST(:userId AS text) IS NULL OR r.user_id = :userId)";

    private final JdbcClient jdbc;

    ScorecardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param userId the caller for scope {@code me}; null for scope {@code all} */
    ScorecardResponse scorecard(String userId, String scope, double agentThreshold) {
        List<GroupStatsResponse> byGrade = jdbc.sql("SELECT r.grade AS grp, " + STATS
                        + " FROM analysis_result r " + OUTCOMES + " WHERE " + SCOPE
                        + " GROUP BY r.grade ORDER BY r.grade")
                .param("userId", userId)
                .query((rs, n) -> stats(rs, rs.getString("grp"), null))
                .list();
        List<GroupStatsResponse> byAgent = jdbc.sql("SELECT v.key AS grp, " + STATS
                        + " FROM analysis_result r CROSS JOIN LATERAL jsonb_each(r.agents) v " + OUTCOMES
                        + " WHERE " + SCOPE
                        + " AND jsonb_typeof(v.value -> 'score') = 'number'"
                        + " AND (v.value ->> 'score')::double precision >= :threshold"
                        + " GROUP BY v.key ORDER BY v.key")
                .param("userId", userId)
                .param("threshold", agentThreshold)
                .query((rs, n) -> stats(rs, null, rs.getString("grp")))
                .list();
        record Freshness(LocalDate asOf, OffsetDateTime computedAt) {
        }
        Freshness freshness = jdbc.sql("""
                        SELECT max(o.exit_date) AS as_of, max(o.computed_at) AS computed_at
                        FROM pick_outcome o JOIN analysis_result r ON r.run_id = o.run_id AND r.rank = o.rank
                        WHERE""" + " " + SCOPE)
                .param("userId", userId)
                .query((rs, n) -> new Freshness(rs.getObject("as_of", LocalDate.class),
                        rs.getObject("computed_at", OffsetDateTime.class)))
                .single();
        return new ScorecardResponse(freshness.asOf(),
                freshness.computedAt() == null ? null : freshness.computedAt().toInstant(), scope, agentThreshold,
                byGrade, byAgent);
    }

    private static GroupStatsResponse stats(ResultSet rs, String grade, String agent) throws SQLException {
        return new GroupStatsResponse(grade, agent, rs.getLong("picks"),
                rs.getObject("hit5", Double.class), rs.getObject("hit20", Double.class),
                rs.getObject("hit60", Double.class),
                rs.getObject("avg5", Double.class), rs.getObject("avg20", Double.class),
                rs.getObject("avg60", Double.class),
                rs.getLong("n5"), rs.getLong("n20"), rs.getLong("n60"));
    }
}
