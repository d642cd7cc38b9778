package io.stockradar.marketdata.upstream;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), 2.0, 0.5, 4);

    @Test
    void delaysGrowExponentiallyWithinTheJitterBandAndAreCapped() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(750));
            assertThat(backoff.delay(2)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
            assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
            assertThat(backoff.delay(10)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(6000));
            seen.add(backoff.delay(1));
        }
        assertThat(seen).as("jittered, not one fixed delay").hasSizeGreaterThan(20);
    }

    @Test
    void nonsenseSettingsAreRejected() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0, 0.5, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2.0, 1.0, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
