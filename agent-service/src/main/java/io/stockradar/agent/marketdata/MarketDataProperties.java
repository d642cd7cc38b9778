package io.stockradar.agent.marketdata;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * {@code stockradar.market-data.*}: how agent-service reaches market-data-service's internal API.
 *
 * @param baseUrl     a load-balanced logical URL ({@code http://market-data-service})
 * @param maxAttempts attempts per idempotent call; each goes to the next instance
 * @param historyDays trailing trading days of bars fetched per symbol
 * @param contextTtl  how long a market's loaded universe data is reused
 */
@ConfigurationProperties("stockradar.market-data")
record MarketDataProperties(URI baseUrl, Duration connectTimeout, Duration readTimeout, int maxAttempts,
                            int historyDays, Duration contextTtl) {

    MarketDataProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("stockradar.market-data.max-attempts must be >= 1");
        }
        if (historyDays < 1 || historyDays > 1000) {
            throw new IllegalArgumentException("stockradar.market-data.history-days must be in 1..1000");
        }
    }
}
