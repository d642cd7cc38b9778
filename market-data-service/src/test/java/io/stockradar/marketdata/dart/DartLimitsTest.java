package io.stockradar.marketdata.dart;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up check of {@code stockradar.dart.limits} and the figures derived from it. */
class DartLimitsTest {

    private static DartProperties.Limits limits(double perSecond, int instances, int budget, int guardMs,
                                                int latenessMs) {
        return new DartProperties.Limits(perSecond, 10_000, instances, budget, Duration.ofMillis(guardMs),
                Duration.ofMillis(latenessMs), "x");
    }

    @Test
    void theConfiguredLimitsPassAndSpacingAloneKeepsTenSlotsPerWindow() {
        DartProperties.Limits limits = limits(9.6, 2, 10, 40, 20);

        assertThat(limits.intervalMicros()).isEqualTo(104_167); // rounded up
        assertThat(limits.window()).isEqualTo(Duration.ofMillis(1_040));
        // evenly spaced slots: a half-open window holds at most ceil(window / interval) of them
        long windowMicros = limits.window().toNanos() / 1000;
        assertThat(Math.ceilDiv(windowMicros, limits.intervalMicros())).isEqualTo(10);
    }

    @Test
    void aRateThatWouldPutElevenSlotsInAWindowIsRejectedAtStartUp() {
        // 9.7/s is fine with guard 30 ms, not with 40 ms (11 slots spaced 103.09 ms fit in 1.04 s)
        assertThat(limits(9.7, 2, 10, 30, 10).intervalMicros()).isEqualTo(103_093);
        assertThatThrownBy(() -> limits(9.7, 2, 10, 40, 20)).isInstanceOf(IllegalArgumentException.class);
        // 9.8/s: 11 slots spaced 102.04 ms fit in 1.03 s
        assertThatThrownBy(() -> limits(9.8, 2, 10, 30, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not exceed the budget");
        // the same rate is fine with a smaller guard (less margin for the network)
        assertThat(limits(9.8, 2, 10, 20, 10).window()).isEqualTo(Duration.ofMillis(1_020));
        // the full 10/s leaves no room for any guard: 11 slots would fit in 1.001 s
        assertThatThrownBy(() -> limits(10, 2, 10, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lateSendsMustFitInTheGuardAndEveryInstanceNeedsAShare() {
        assertThatThrownBy(() -> limits(9.7, 2, 10, 30, 30)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-lateness");
        assertThatThrownBy(() -> limits(9.7, 11, 10, 30, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limits(0, 2, 10, 30, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Redis down: every instance on its own share, the instances' windows together hold at most the budget. */
    @Test
    void localSharesTogetherStayWithinTheBudgetPerWindow() {
        for (int instances = 1; instances <= 10; instances++) {
            DartProperties.Limits limits = limits(9.6, instances, 10, 40, 20);
            long interval = limits.localInterval().toNanos();
            long perInstance = Math.ceilDiv(limits.window().toNanos(), interval);
            assertThat(perInstance * instances).as("%d instances", instances).isLessThanOrEqualTo(10);
        }
        // two instances: 5 per 1.04 s each, 4.8/s
        assertThat(limits(9.6, 2, 10, 40, 20).localInterval()).isEqualTo(Duration.ofNanos(208_333_334));
    }
}
