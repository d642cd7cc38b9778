package io.stockradar.agent.marketdata;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * {@code stockradar.market-data.*}: how agent-service reaches market-data-service's internal API.
 *
 * @param baseUrl     a load-balanced logical URL ({@code http://market-data-service})
 * @param fetchDeadline how long one fetch (an idempotent read) keeps being retried, with backoff and jitter and
 *                      each attempt on the next instance, before it fails (and with it the run or request that
 *                      needed it); an attempt still in flight then is bounded by {@code readTimeout}
 * @param historyDays trailing trading days of bars fetched per symbol
 * @param contextTtl  how long a market's loaded universe data is reused
 */
@ConfigurationProperties("stockradar.market-data")
record MarketDataProperties(URI baseUrl, Duration connectTimeout, Duration readTimeout, Duration fetchDeadline,
                            int historyDays, Duration contextTtl) {

    MarketDataProperties {
        fetchDeadline = fetchDeadline == null ? Duration.ofSeconds(60) : fetchDeadline;
        if (fetchDeadline.isNegative() || fetchDeadline.isZero()) {
            throw new IllegalArgumentException("stockradar.market-data.fetch-deadline must be positive");
        }
        if (historyDays < 1 || historyDays > 1000) {
            throw new IllegalArgumentException("stockradar.market-data.history-days must be in 1..1000");
        }
    }
}
