package io.stockradar.marketdata.financials;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * KR financial statements of a live provider ({@code stockradar.financials.*}).
 *
 * @param freshFor         a company's statements are served from Redis without asking DART this long
 * @param revalidateWindow then served this much longer while one instance reloads them behind
 * @param batchDeadline    {@code /internal/fundamentals}: symbols whose statements are not loaded by then are
 *                         listed in {@code unavailable} (their loads go on and fill the cache)
 * @param batchParallelism companies loaded at once for one batch (DART itself allows ~8 requests/s in total)
 */
@ConfigurationProperties("stockradar.financials")
record FinancialsProperties(@DefaultValue("1d") Duration freshFor, @DefaultValue("1d") Duration revalidateWindow,
                            @DefaultValue("20s") Duration batchDeadline, @DefaultValue("4") int batchParallelism) {
}
