package io.stockradar.agent.screener;

import io.stockradar.agent.marketdata.Market;
import io.stockradar.agent.marketdata.Symbols;
import io.stockradar.common.problem.ApiProblem;
import io.stockradar.common.problem.FieldViolation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a run request as a whole and lists every bad field in one 400 (never one error at a time), and
 * returns the normalized request: upper-cased, de-duplicated symbols, defaults filled in.
 */
final class ScreenerRunRequestValidator {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;
    static final int MAX_SYMBOLS = 500;
    static final String DEFAULT_SORT = "composite";
    static final List<String> SORT_KEYS = List.of("composite", "technical", "fundamental", "sector", "risk");

    private ScreenerRunRequestValidator() {
    }

    static ScreenerRunRequest validate(ScreenerRunRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        String universe = null;
        List<String> symbols = null;

        boolean hasUniverse = request.universe() != null;
        boolean hasSymbols = request.symbols() != null;
        if (hasUniverse && hasSymbols) {
            errors.add(new FieldViolation("universe", "give either universe or symbols, not both"));
            errors.add(new FieldViolation("symbols", "give either universe or symbols, not both"));
        } else if (!hasUniverse && !hasSymbols) {
            errors.add(new FieldViolation("universe", "one of universe or symbols is required"));
        }
        if (hasUniverse) {
            universe = Market.Universe.parse(request.universe()).map(Enum::name).orElse(null);
            if (universe == null) {
                errors.add(new FieldViolation("universe", "must be one of KOSPI200, KOSDAQ150, SP500"));
            }
        }
        if (hasSymbols) {
            symbols = validateSymbols(request.symbols(), errors);
        }

        String sort = request.sort() == null ? DEFAULT_SORT : request.sort().trim().toLowerCase(Locale.ROOT);
        if (!SORT_KEYS.contains(sort)) {
            errors.add(new FieldViolation("sort", "must be one of " + String.join(", ", SORT_KEYS)));
        }
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldViolation("limit", "must be between 1 and " + MAX_LIMIT));
        }
        ScreenerRunRequest.Filters filters = validateFilters(request.filters(), errors);
        String asOf = null;
        if (request.asOf() != null && !request.asOf().isBlank()) {
            try {
                asOf = LocalDate.parse(request.asOf().trim()).toString();
            } catch (DateTimeParseException e) {
                errors.add(new FieldViolation("asOf", "must be an ISO date (YYYY-MM-DD), was '" + request.asOf() + "'"));
            }
        }

        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return new ScreenerRunRequest(universe, symbols, filters, sort, limit, request.preset(), asOf);
    }

    private static List<String> validateSymbols(List<String> raw, List<FieldViolation> errors) {
        if (raw.isEmpty()) {
            errors.add(new FieldViolation("symbols", "must list at least one symbol"));
            return List.of();
        }
        if (raw.size() > MAX_SYMBOLS) {
            errors.add(new FieldViolation("symbols", "must list at most " + MAX_SYMBOLS + " symbols"));
        }
        Set<String> symbols = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String symbol = Symbols.normalize(raw.get(i));
            if (!Symbols.isEquity(symbol)) {
                errors.add(new FieldViolation("symbols[" + i + "]",
                        "'" + raw.get(i) + "' is not a Yahoo equity symbol (e.g. 005930.KS, 035720.KQ, AAPL, BRK-B)"));
            } else {
                symbols.add(symbol);
            }
        }
        return List.copyOf(symbols);
    }

    private static ScreenerRunRequest.Filters validateFilters(ScreenerRunRequest.Filters filters, List<FieldViolation> errors) {
        if (filters == null) {
            return null;
        }
        if (filters.minMarketCap() != null && filters.minMarketCap() < 0) {
            errors.add(new FieldViolation("filters.minMarketCap", "must be zero or positive"));
        }
        if (filters.minLiquidity() != null && filters.minLiquidity() < 0) {
            errors.add(new FieldViolation("filters.minLiquidity", "must be zero or positive"));
        }
        if (filters.minScore() != null && (filters.minScore() < 0 || filters.minScore() > 100)) {
            errors.add(new FieldViolation("filters.minScore", "must be between 0 and 100"));
        }
        List<String> sectors = null;
        if (filters.sectors() != null) {
            if (filters.sectors().isEmpty()) {
                // an explicit empty list contradicts screening at all: it would match no stock
                errors.add(new FieldViolation("filters.sectors",
                        "an empty list matches no stock; omit sectors to keep every sector"));
            }
            Set<String> distinct = new LinkedHashSet<>();
            for (int i = 0; i < filters.sectors().size(); i++) {
                String sector = filters.sectors().get(i);
                if (sector == null || sector.isBlank()) {
                    errors.add(new FieldViolation("filters.sectors[" + i + "]", "must not be blank"));
                } else {
                    distinct.add(sector.trim());
                }
            }
            sectors = List.copyOf(distinct);
        }
        return new ScreenerRunRequest.Filters(filters.minMarketCap(), filters.minLiquidity(), sectors, filters.minScore());
    }
}
