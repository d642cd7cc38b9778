package io.stockradar.agent.marketdata;

import java.util.Locale;
import java.util.regex.Pattern;

/** Yahoo symbol syntax for equities: {@code 005930.KS}, {@code 0126Z0.KS}, {@code AAPL}, {@code BRK-B}. */
public final class Symbols {

    private static final Pattern EQUITY = Pattern.compile("[A-Z0-9]{1,10}([.-][A-Z0-9]{1,4})?");

    private Symbols() {
    }

    /** Upper-cased and trimmed, or {@code null} for null. */
    public static String normalize(String symbol) {
        return symbol == null ? null : symbol.trim().toUpperCase(Locale.ROOT);
    }

    /** Whether a normalized symbol is a syntactically valid Yahoo equity symbol. */
    public static boolean isEquity(String normalized) {
        return normalized != null && EQUITY.matcher(normalized).matches();
    }
}
