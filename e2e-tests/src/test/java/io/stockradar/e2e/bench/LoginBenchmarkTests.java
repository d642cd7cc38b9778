package io.stockradar.e2e.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The benchmark's stricter ratio never flatters: it only ever scales the ceiling up to the faster hash. */
class LoginBenchmarkTests {

    @Test
    void aBaselineSlowerThanTheServicesOwnHashersIsScaledUpToThem() {
        // baseline threads 34.8 ms per hash, auth-service's hashers 29.0 ms: the ceiling was 20 % too low
        assertThat(LoginBenchmark.strictRatio(1.00, 34.8, 29.0)).isCloseTo(0.833, within(0.001));
    }

    @Test
    void aBaselineFasterThanTheServiceIsAlreadyTheCeiling() {
        assertThat(LoginBenchmark.strictRatio(0.86, 30.0, 31.5)).isEqualTo(0.86);
    }

    @Test
    void missingCpuFiguresLeaveTheRatioAsMeasured() {
        assertThat(LoginBenchmark.strictRatio(0.9, 0, 29.0)).isEqualTo(0.9);
        assertThat(LoginBenchmark.strictRatio(0.9, 34.0, 0)).isEqualTo(0.9);
    }
}
