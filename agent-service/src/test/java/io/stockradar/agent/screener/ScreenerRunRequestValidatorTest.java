package io.stockradar.agent.screener;

import io.stockradar.common.problem.ApiProblem;
import io.stockradar.common.problem.FieldViolation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ScreenerRunRequestValidatorTest {

    @Test
    void fillsDefaultsAndNormalizes() {
        ScreenerRunRequest valid = ScreenerRunRequestValidator.validate(new ScreenerRunRequest(
                " kospi200 ", null, null, null, null));

        assertThat(valid.universe()).isEqualTo("KOSPI200");
        assertThat(valid.sort()).isEqualTo("composite");
        assertThat(valid.limit()).isEqualTo(20);
    }

    @Test
    void upperCasesAndDeduplicatesSymbolsKeepingOrder() {
        ScreenerRunRequest valid = ScreenerRunRequestValidator.validate(new ScreenerRunRequest(
                null, List.of("aapl", "005930.ks", "AAPL", "brk-b", "0126Z0.KS"), null, "Technical", 200));

        assertThat(valid.symbols()).containsExactly("AAPL", "005930.KS", "BRK-B", "0126Z0.KS");
        assertThat(valid.sort()).isEqualTo("technical");
    }

    @Test
    void requiresExactlyOneOfUniverseOrSymbols() {
        assertThat(fields(new ScreenerRunRequest(null, null, null, null, null))).containsExactly("universe");
        assertThat(fields(new ScreenerRunRequest("SP500", List.of("AAPL"), null, null, null)))
                .containsExactly("universe", "symbols");
    }

    @Test
    void rejectsUnknownUniverseSortAndOutOfRangeLimit() {
        assertThat(fields(new ScreenerRunRequest("NIKKEI225", null, null, "name", 201)))
                .containsExactly("universe", "sort", "limit");
        assertThat(fields(new ScreenerRunRequest("SP500", null, null, null, 0))).containsExactly("limit");
    }

    @Test
    void rejectsEmptyTooManyAndMalformedSymbols() {
        assertThat(fields(new ScreenerRunRequest(null, List.of(), null, null, null))).containsExactly("symbols");
        List<String> many = new ArrayList<>(Collections.nCopies(501, "AAPL"));
        assertThat(fields(new ScreenerRunRequest(null, many, null, null, null))).containsExactly("symbols");
        List<String> bad = new ArrayList<>(List.of("AAPL", "^KS11", "삼성전자", "TOO.LONG.SUFFIX"));
        bad.add(null);
        assertThat(fields(new ScreenerRunRequest(null, bad, null, null, null)))
                .containsExactly("symbols[1]", "symbols[2]", "symbols[3]", "symbols[4]");
    }

    @Test
    void rejectsContradictoryAndOutOfRangeFilters() {
        var filters = new ScreenerRunRequest.Filters(-1.0, -0.5, List.of(), 100.5);
        assertThat(fields(new ScreenerRunRequest("KOSPI200", null, filters, null, null)))
                .containsExactly("filters.minMarketCap", "filters.minLiquidity", "filters.minScore", "filters.sectors");
        var blankSector = new ScreenerRunRequest.Filters(null, null, List.of("IT", " "), -0.1);
        assertThat(fields(new ScreenerRunRequest("KOSPI200", null, blankSector, null, null)))
                .containsExactly("filters.minScore", "filters.sectors[1]");
    }

    @Test
    void acceptsBoundaryValues() {
        var filters = new ScreenerRunRequest.Filters(0.0, 0.0, List.of("IT", "IT"), 100.0);
        ScreenerRunRequest valid = ScreenerRunRequestValidator.validate(
                new ScreenerRunRequest("KOSDAQ150", null, filters, "risk", 1));
        assertThat(valid.filters().sectors()).containsExactly("IT");
        assertThat(valid.limit()).isEqualTo(1);
    }

    private static List<String> fields(ScreenerRunRequest request) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> ScreenerRunRequestValidator.validate(request));
        assertThat(problem).as("expected a validation problem").isNotNull();
        assertThat(problem.getStatusCode().value()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        List<FieldViolation> errors = (List<FieldViolation>) problem.getBody().getProperties().get("errors");
        return errors.stream().map(FieldViolation::field).toList();
    }
}
