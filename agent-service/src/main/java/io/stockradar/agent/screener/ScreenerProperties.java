package io.stockradar.agent.screener;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code stockradar.screener.*}.
 *
 * @param concurrency      runs executing at once on one instance
 * @param queueCapacity    accepted runs waiting for a slot; beyond it new runs get 503
 * @param chunkSize        symbols analysed between progress updates (and cancellation checks)
 * @param sseTimeout       longest a progress stream stays open
 * @param ssePollInterval  how often a stream looks at the run's stored progress
 */
@ConfigurationProperties("stockradar.screener")
record ScreenerProperties(int concurrency, int queueCapacity, int chunkSize, Duration sseTimeout,
                          Duration ssePollInterval) {
}
