package io.stockradar.agent.screener;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code stockradar.screener.*}.
 *
 * @param concurrency      runs being prepared at once on one instance (loading data, regime, pre-filters)
 * @param queueCapacity    accepted runs waiting for a slot; beyond it new runs get 503
 * @param chunkSize        symbols per chunk published to {@value ScreenerKafkaConfig#SCREEN_REQUESTED_V1}
 * @param topicPartitions  partitions of that topic (created at startup if missing): the most consumers
 *                         (instances × listener concurrency) that can share the work
 * @param sseTimeout       longest a progress stream stays open
 * @param ssePollInterval  how often a stream looks at the run's stored progress
 * @param stallAfter       a published run of this instance without a stored chunk for this long, while an
 *                         instance has been silent this long (died lately) or one hangs (see hungAfter), has
 *                         chunks stuck with that consumer: this instance analyses them itself. Consumers that
 *                         are alive and working through a backlog are waited for: analysing their chunks a
 *                         second time would only add work when the instances are busiest
 * @param hungAfter        a chunk analysis running this long means its consumer hangs; a run without progress
 *                         this long is rescued whatever the consumers do (its chunk messages may be lost)
 * @param presets          named requests offered by {@code GET /api/screener/presets}
 * @param retention        finished runs (their results, chunks and outbox rows) are deleted this long after they
 *                         were created: the user's history lives in history-service
 */
@ConfigurationProperties("stockradar.screener")
record ScreenerProperties(int concurrency, int queueCapacity, int chunkSize, int topicPartitions, Duration sseTimeout,
                          Duration ssePollInterval, Duration stallAfter, Duration hungAfter, List<Preset> presets,
                          Duration retention) {

    ScreenerProperties {
        stallAfter = stallAfter == null ? Duration.ofSeconds(3) : stallAfter;
        hungAfter = hungAfter == null ? Duration.ofSeconds(30) : hungAfter;
        presets = presets == null ? List.of() : List.copyOf(presets);
        retention = retention == null ? Duration.ofDays(30) : retention;
    }

    /**
     * A named request: filters, sort and limit (the caller picks the universe).
     *
     * @param id          stable, URL-safe ({@code momentum-leaders})
     * @param name        display name in Korean and English
     * @param description what it selects, in Korean and English
     */
    record Preset(String id, Localized name, Localized description, PresetRequest request) {
    }

    /** What a preset decides; the universe (or symbol list) comes from the caller. */
    record PresetRequest(ScreenerRunRequest.Filters filters, String sort, Integer limit) {
    }

    record Localized(String ko, String en) {
    }
}
