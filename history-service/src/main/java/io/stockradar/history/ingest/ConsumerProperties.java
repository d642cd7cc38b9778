package io.stockradar.history.ingest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the event consumers recover from failures.
 *
 * @param retryInitialInterval  first pause before a failed (transient) record is retried
 * @param retryMaxInterval      cap of the exponential back-off; retries go on until the record is stored
 * @param deadLetterPartitions  partitions of the {@code .dlt} topics this service creates
 */
@Validated
@ConfigurationProperties("stockradar.history.consumer")
record ConsumerProperties(@NotNull Duration retryInitialInterval, @NotNull Duration retryMaxInterval,
                          @Min(1) int deadLetterPartitions) {
}
