package io.stockradar.auth.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The outbox relay ({@code stockradar.outbox.*}).
 *
 * @param enabled        whether this instance relays (every instance may: rows are claimed with SKIP LOCKED)
 * @param interval       pause between relay rounds
 * @param batchSize      events per round
 * @param sendTimeout    how long to wait for the broker's acknowledgement of a round
 * @param retention      how long published events are kept (for inspection) before they are deleted
 */
@ConfigurationProperties("stockradar.outbox")
record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("15s") Duration sendTimeout,
        @DefaultValue("7d") Duration retention) {

    OutboxProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("stockradar.outbox.batch-size must be at least 1");
        }
    }
}
