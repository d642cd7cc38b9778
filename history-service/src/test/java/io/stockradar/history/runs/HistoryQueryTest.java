package io.stockradar.history.runs;

import io.stockradar.common.problem.ApiProblem;
import io.stockradar.common.problem.FieldViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HistoryQueryTest {

    @Test
    void defaultsToTwentyWithoutFilters() {
        HistoryQuery query = HistoryQuery.parse("u1", null, null, null, null, null, null, null);
        assertThat(query).isEqualTo(new HistoryQuery("u1", null, null, null, null, null, 20, null));
    }

    @Test
    void normalizesFiltersAndReadsDatesAsWholeUtcDays() {
        HistoryCursor after = new HistoryCursor(Instant.parse("2026-11-26T00:00:00Z"), UUID.randomUUID());
        HistoryQuery query = HistoryQuery.parse("u1", " 005930.ks ", "b", "kospi200", "2026-11-01", "2026-11-02",
                100, after.encode());
        assertThat(query.symbol()).isEqualTo("005930.KS");
        assertThat(query.grade()).isEqualTo("B");
        assertThat(query.universe()).isEqualTo("KOSPI200");
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
        assertThat(query.limit()).isEqualTo(100);
        assertThat(query.after()).isEqualTo(after);
    }

    @Test
    void readsDateTimesWithOffsets() {
        HistoryQuery query = HistoryQuery.parse("u1", "^KS11", null, null, "2026-11-01T09:00:00+09:00", null, 1, null);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(query.symbol()).isEqualTo("^KS11");
    }

    @Test
    void namesEachBadParameter() {
        assertThat(fields(null, null, null, null, null, 0, null)).containsExactly("limit");
        assertThat(fields(null, null, null, null, null, 101, null)).containsExactly("limit");
        assertThat(fields(null, "A+", null, null, null, null, null)).containsExactly("grade");
        assertThat(fields("DROP TABLE", null, null, null, null, null, null)).containsExactly("symbol");
        assertThat(fields(null, null, "KOSPI 200", null, null, null, null)).containsExactly("universe");
        assertThat(fields(null, null, null, "2026-13-01", null, null, null)).containsExactly("from");
        assertThat(fields(null, null, null, null, "tomorrow", null, null)).containsExactly("to");
        assertThat(fields(null, null, null, "2026-11-02", "2026-11-01", null, null)).containsExactly("to");
        assertThat(fields(null, null, null, "2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z", null, null))
                .containsExactly("to");
        assertThat(fields(null, null, null, null, null, null, "garbage")).containsExactly("cursor");
        assertThat(fields(null, "Z", null, null, null, -1, "garbage")).containsExactly("grade", "limit", "cursor");
    }

    private static List<String> fields(String symbol, String grade, String universe, String from, String to,
                                       Integer limit, String cursor) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class,
                () -> HistoryQuery.parse("u1", symbol, grade, universe, from, to, limit, cursor));
        assertThat(problem.getStatusCode().value()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        List<FieldViolation> errors = (List<FieldViolation>) problem.getBody().getProperties().get("errors");
        return errors.stream().map(FieldViolation::field).toList();
    }
}
