package io.stockradar.history.runs;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryCursorTest {

    @Test
    void roundTripsWithMicrosecondPrecision() {
        HistoryCursor cursor = new HistoryCursor(Instant.parse("2026-11-26T05:01:02.123456Z"), UUID.randomUUID());
        String token = cursor.encode();
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(HistoryCursor.decode(token)).isEqualTo(cursor);
    }

    @Test
    void rejectsTokensItDidNotMake() {
        assertThatThrownBy(() -> HistoryCursor.decode("!!!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistoryCursor.decode("aGVsbG8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistoryCursor.decode(encode("yesterday|" + UUID.randomUUID())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistoryCursor.decode(encode("2026-11-26T05:01:02Z|not-a-uuid")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistoryCursor.decode("A".repeat(200))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String encode(String plain) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes());
    }
}
