package io.stockradar.history.runs;

import java.math.BigDecimal;
import java.util.List;

/**
 * Cells and records of RFC 4180 CSV, safe to open in a spreadsheet.
 * <ul>
 *   <li>A cell containing a comma, a double quote, CR or LF is quoted, its quotes doubled.</li>
 *   <li>Formula injection (OWASP "CSV injection"): a text cell starting with {@code = + - @}, a tab or a
 *       carriage return is prefixed with a single quote, so Excel or LibreOffice show it as text instead
 *       of evaluating it. Numbers are written by this class from doubles and never need it.</li>
 *   <li>Records end with CRLF, as the RFC says.</li>
 * </ul>
 */
final class CsvCells {

    static final String RECORD_END = "\r\n";

    private CsvCells() {
    }

    /** A text cell; null is an empty cell. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = startsLikeAFormula(value) ? "'" + value : value;
        if (needsQuotes(safe)) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    /** A number in plain notation without trailing zeros ({@code 57200}, {@code 64.5}); null is empty. */
    static String number(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return "";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Joins already-escaped cells into one record, line end included. */
    static String record(List<String> cells) {
        return String.join(",", cells) + RECORD_END;
    }

    private static boolean startsLikeAFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
