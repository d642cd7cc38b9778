package io.stockradar.marketdata.provider;

import io.stockradar.common.problem.ApiProblem;

import java.util.Locale;
import java.util.regex.Pattern;

/** Syntax of symbols in Yahoo spelling: {@code 005930.KS}, {@code 0126Z0.KS}, {@code BRK-B}, {@code ^KS11}. */
public final class Symbols {

    /** Also used in Bean Validation annotations of request records. */
    public static final String REGEX = "\\^?[A-Za-z0-9][A-Za-z0-9.\\-]{0,19}";
    public static final String SYNTAX_MESSAGE = "must be a symbol in Yahoo spelling such as 005930.KS, AAPL, BRK-B or ^KS11";
    /** Most symbols one batch request may name. */
    public static final int MAX_BATCH = 1000;

    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private Symbols() {
    }

    public static boolean isValid(String raw) {
        return raw != null && PATTERN.matcher(raw).matches();
    }

    /** Upper-cases a syntactically valid symbol ({@code aapl} → {@code AAPL}). */
    public static String normalize(String raw) {
        return raw.toUpperCase(Locale.ROOT);
    }

    /** Validates and normalizes a symbol from a request; 400 naming {@code field} otherwise. */
    public static String require(String field, String raw) {
        if (!isValid(raw)) {
            throw ApiProblem.badRequest(field, SYNTAX_MESSAGE);
        }
        return normalize(raw);
    }
}
