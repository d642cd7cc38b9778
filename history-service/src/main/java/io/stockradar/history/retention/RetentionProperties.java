package io.stockradar.history.retention;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long analysis history is kept ({@code stockradar.history.retention}, e.g. {@code 730d}) and when
 * the purge runs ({@code stockradar.history.retention-purge.*}).
 *
 * @param retention      runs recorded longer ago than this are deleted with their results and outcomes
 * @param retentionPurge the purge job
 */
@Validated
@ConfigurationProperties("stockradar.history")
record RetentionProperties(@NotNull Duration retention, @NotNull @Valid Purge retentionPurge) {

    /**
     * @param cron      when the purge runs (Spring cron, in {@code zone}); {@code -} disables it
     * @param zone      time zone of {@code cron}
     * @param batchSize runs deleted per transaction, so a large purge never holds long locks
     */
    record Purge(@NotBlank String cron, @NotBlank String zone, @Min(1) int batchSize) {
    }
}
