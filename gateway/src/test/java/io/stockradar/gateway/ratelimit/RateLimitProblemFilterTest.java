package io.stockradar.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitProblemFilterTest {

    @Test
    void retryAfterIsTheTimeToRefillOneRequestRoundedUp() {
        assertThat(RateLimitProblemFilter.retryAfterSeconds("1", "20")).isEqualTo(1);
        assertThat(RateLimitProblemFilter.retryAfterSeconds("5", "1")).isEqualTo(5);
        assertThat(RateLimitProblemFilter.retryAfterSeconds("5", "2")).isEqualTo(3);
        assertThat(RateLimitProblemFilter.retryAfterSeconds("100", "1")).isEqualTo(100);
    }

    @Test
    void unreadableHeadersGiveOneSecond() {
        assertThat(RateLimitProblemFilter.retryAfterSeconds(null, null)).isEqualTo(1);
        assertThat(RateLimitProblemFilter.retryAfterSeconds("x", "0")).isEqualTo(1);
    }
}
