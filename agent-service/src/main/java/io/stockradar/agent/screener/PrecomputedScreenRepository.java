package io.stockradar.agent.screener;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** {@code screener_precomputed}: the latest screen per default universe and data date. */
@Repository
class PrecomputedScreenRepository {

    private static final TypeReference<List<RunResult>> RESULTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PrecomputedScreenRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts or replaces the screen of its universe and data date. */
    void save(PrecomputedScreen screen) {
        jdbc.sql("""
                        INSERT INTO screener_precomputed (universe, data_as_of, source, regime, results, missing,
                                                          computed_by, computed_at)
                        VALUES (:universe, :asOf, :source, CAST(:regime AS jsonb), CAST(:results AS jsonb),
                                CAST(:missing AS jsonb), :by, :at)
                        ON CONFLICT (universe, data_as_of) DO UPDATE SET source = EXCLUDED.source,
                            regime = EXCLUDED.regime, results = EXCLUDED.results, missing = EXCLUDED.missing,
                            computed_by = EXCLUDED.computed_by, computed_at = EXCLUDED.computed_at
                        """)
                .param("universe", screen.universe())
                .param("asOf", screen.dataAsOf())
                .param("source", screen.source())
                .param("regime", json.writeValueAsString(screen.regime()))
                .param("results", json.writeValueAsString(screen.results()))
                .param("missing", json.writeValueAsString(screen.missing()))
                .param("by", screen.computedBy())
                .param("at", Timestamp.from(screen.computedAt()))
                .update();
    }

    Optional<PrecomputedScreen> find(String universe, LocalDate dataAsOf) {
        return jdbc.sql("SELECT * FROM screener_precomputed WHERE universe = :universe AND data_as_of = :asOf")
                .param("universe", universe).param("asOf", dataAsOf).query(this::map).optional();
    }

    /** The most recent screen of the universe, whatever its data date. */
    Optional<PrecomputedScreen> latest(String universe) {
        return jdbc.sql("SELECT * FROM screener_precomputed WHERE universe = :universe ORDER BY data_as_of DESC LIMIT 1")
                .param("universe", universe).query(this::map).optional();
    }

    boolean exists(String universe, LocalDate dataAsOf) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM screener_precomputed WHERE universe = :universe AND data_as_of = :asOf)")
                .param("universe", universe).param("asOf", dataAsOf).query(Boolean.class).single();
    }

    private PrecomputedScreen map(ResultSet rs, int row) throws SQLException {
        return new PrecomputedScreen(rs.getString("universe"), rs.getDate("data_as_of").toLocalDate(),
                rs.getString("source"), json.readValue(rs.getString("regime"), RunRegime.class),
                json.readValue(rs.getString("results"), RESULTS), json.readValue(rs.getString("missing"), STRINGS),
                rs.getString("computed_by"), rs.getTimestamp("computed_at").toInstant());
    }
}
