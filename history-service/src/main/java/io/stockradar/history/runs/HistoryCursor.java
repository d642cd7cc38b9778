package io.stockradar.history.runs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a history page ended: the (created_at, run_id) of its last run. Clients get it as an opaque
 * base64url token and must not parse it; the next page starts strictly after it, so rows inserted
 * meanwhile never shift a page (no duplicates, no gaps).
 */
record HistoryCursor(Instant createdAt, UUID runId) {

    private static final char SEPARATOR = '|';

    String encode() {
        String plain = createdAt.toString() + SEPARATOR + runId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if the token was not made by {@link #encode()} */
    static HistoryCursor decode(String token) {
        if (token.length() > 128) {
            throw new IllegalArgumentException("cursor too long");
        }
        String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int at = plain.indexOf(SEPARATOR);
        if (at < 0) {
            throw new IllegalArgumentException("cursor without separator");
        }
        try {
            return new HistoryCursor(Instant.parse(plain.substring(0, at)), UUID.fromString(plain.substring(at + 1)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cursor with a bad timestamp", e);
        }
    }
}
