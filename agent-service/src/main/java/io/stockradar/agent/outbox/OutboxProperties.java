package io.stockradar.agent.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code stockradar.outbox.*}: the relay polls every {@code pollInterval}, takes up to {@code batchSize}
 * due rows, waits at most {@code sendTimeout} for each broker ack, and after a failure retries a row with
 * exponential backoff from {@code initialBackoff} up to {@code maxBackoff}. Published rows are deleted once older
 * than {@code retention} (they hold users' results; history-service keeps the history).
 */
@ConfigurationProperties("stockradar.outbox")
record OutboxProperties(Duration pollInterval, int batchSize, Duration sendTimeout, Duration initialBackoff,
                        Duration maxBackoff, Duration retention) {

    OutboxProperties {
        retention = retention == null ? Duration.ofDays(7) : retention;
    }

    /** Delay before the next attempt after {@code attempts} failed ones (1 → initial, doubling, capped). */
    Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = initialBackoff.multipliedBy(factor);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
