package io.stockradar.history.scorecard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * The forward-return scorecard.
 *
 * @param cron              when the outcome job runs (Spring cron, in {@code zone}); {@code -} disables it
 * @param zone              time zone of {@code cron}
 * @param agentThreshold    an agent "picked" a stock when its score was at least this (0..100)
 * @param pageSize          pending picks read per database page
 * @param symbolsPerRequest symbols per {@code POST /internal/bars} call (the service allows 1000; the
 *                          response carries 1000 days of every symbol, so keep it moderate)
 * @param barsDays          trailing trading days requested per symbol (max 1000): picks older than that
 *                          cannot be scored
 * @param marketData        market-data-service's internal API
 */
@Validated
@ConfigurationProperties("stockradar.history.scorecard")
record ScorecardProperties(@NotBlank String cron, @NotBlank String zone, @Min(0) @Max(100) double agentThreshold,
                           @Min(1) int pageSize, @Min(1) @Max(1000) int symbolsPerRequest,
                           @Min(61) @Max(1000) int barsDays, @NotNull MarketData marketData) {

    /**
     * @param baseUrl           e.g. {@code http://localhost:9101}
     * @param connectTimeout    TCP connect timeout (market-data-service and the token endpoint)
     * @param readTimeout       time to wait for the whole bars response
     * @param tokenReadTimeout  time to wait for the token endpoint's response
     * @param tokenRefreshSkew  a cached service token is replaced this long before it expires
     */
    record MarketData(@NotNull URI baseUrl, @NotNull Duration connectTimeout, @NotNull Duration readTimeout,
                      @NotNull Duration tokenReadTimeout, @NotNull Duration tokenRefreshSkew) {
    }
}
