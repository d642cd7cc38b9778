package io.stockradar.gateway.security;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RevokedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private final RevokedTokens revokedTokens = new RevokedTokens(null,
            new RevocationProperties(true, Duration.ofMillis(100)), new SimpleMeterRegistry(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void tokensIssuedAtOrBeforeTheMarkAreRevokedAndLaterOnesAreNot() {
        long mark = NOW.minusSeconds(60).getEpochSecond();

        assertThat(revokedTokens.isRevoked(NOW.minusSeconds(61), Long.toString(mark))).isTrue();
        assertThat(revokedTokens.isRevoked(NOW.minusSeconds(60), Long.toString(mark))).as("same second").isTrue();
        assertThat(revokedTokens.isRevoked(NOW.minusSeconds(59), Long.toString(mark))).isFalse();
    }

    @Test
    void aTokenWithoutIatOrAnUnreadableMarkCountsAsRevoked() {
        assertThat(revokedTokens.isRevoked(null, "0")).isTrue();
        assertThat(revokedTokens.isRevoked(NOW.minusSeconds(1), "not-a-number")).as("read as now").isTrue();
        assertThat(revokedTokens.isRevoked(NOW.plusSeconds(1), "not-a-number")).isFalse();
    }
}
