package io.stockradar.history.runs;

import io.stockradar.common.problem.ApiProblem;
import io.stockradar.common.problem.FieldViolation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated request for one page of a user's history.
 *
 * @param userId   the caller ({@code sub}); never taken from the request
 * @param symbol   only runs that ranked this symbol (Yahoo spelling, upper case)
 * @param grade    only runs with a result of this grade; with {@code symbol}: that symbol had this grade
 * @param universe only runs over this universe
 * @param from     only runs recorded at or after this instant
 * @param to       only runs recorded before this instant
 * @param limit    page size, 1..100
 * @param after    continue after this position, or null for the first page
 */
record HistoryQuery(String userId, String symbol, String grade, String universe, Instant from, Instant to,
                    int limit, HistoryCursor after) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final Set<String> GRADES = Set.of("A", "B", "C", "D", "E", "F");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9^][A-Z0-9.^=\\-]{0,31}");
    private static final Pattern UNIVERSE = Pattern.compile("[A-Z0-9_\\-]{1,64}");

    /**
     * Parses the raw query parameters, naming every bad one at once.
     *
     * @throws ApiProblem 400 with {@code errors:[{field, message}]}
     */
    static HistoryQuery parse(String userId, String symbol, String grade, String universe, String from, String to,
                              Integer limit, String cursor) {
        List<FieldViolation> errors = new ArrayList<>();
        String normalizedSymbol = null;
        if (symbol != null) {
            normalizedSymbol = symbol.trim().toUpperCase(Locale.ROOT);
            if (!SYMBOL.matcher(normalizedSymbol).matches()) {
                errors.add(new FieldViolation("symbol", "must be a ticker such as 005930.KS or AAPL"));
            }
        }
        String normalizedGrade = null;
        if (grade != null) {
            normalizedGrade = grade.trim().toUpperCase(Locale.ROOT);
            if (!GRADES.contains(normalizedGrade)) {
                errors.add(new FieldViolation("grade", "must be one of A, B, C, D, E, F"));
            }
        }
        String normalizedUniverse = null;
        if (universe != null) {
            normalizedUniverse = universe.trim().toUpperCase(Locale.ROOT);
            if (!UNIVERSE.matcher(normalizedUniverse).matches()) {
                errors.add(new FieldViolation("universe", "must be a universe id such as KOSPI200"));
            }
        }
        Instant fromInstant = instant(from, "from", false, errors);
        Instant toInstant = instant(to, "to", true, errors);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.add(new FieldViolation("to", "must be after from"));
        }
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            errors.add(new FieldViolation("limit", "must be between 1 and " + MAX_LIMIT));
        }
        HistoryCursor after = null;
        if (cursor != null) {
            try {
                after = HistoryCursor.decode(cursor);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldViolation("cursor", "is not a cursor returned by this API"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return new HistoryQuery(userId, normalizedSymbol, normalizedGrade, normalizedUniverse, fromInstant, toInstant,
                pageSize, after);
    }

    /**
     * A path or query symbol in the stored spelling (trimmed, upper case).
     *
     * @throws ApiProblem 400 naming {@code symbol} when it is not a ticker
     */
    static String symbol(String raw) {
        String normalized = raw.trim().toUpperCase(Locale.ROOT);
        if (!SYMBOL.matcher(normalized).matches()) {
            throw ApiProblem.badRequest("symbol", "must be a ticker such as 005930.KS or AAPL");
        }
        return normalized;
    }

    /**
     * An ISO-8601 date-time with offset ({@code 2026-11-01T09:00:00+09:00}) or a date
     * ({@code 2026-11-01}, a whole UTC day: {@code from} starts it, {@code to} includes it).
     */
    private static Instant instant(String value, String field, boolean endOfDay, List<FieldViolation> errors) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldViolation(field, "must be an ISO-8601 date (2026-11-01) or date-time with offset"));
            return null;
        }
    }
}
