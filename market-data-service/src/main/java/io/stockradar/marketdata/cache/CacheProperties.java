package io.stockradar.marketdata.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param quoteTtl         how long a quote stays in Redis
 * @param staticDataTtl    TTL of bars from a provider whose data never changes (demo): the key carries the
 *                         dataset version, so a new dataset never reads old entries
 * @param afterCloseMargin live providers: bars expire this long after the market's next regular close
 * @param retryAfter       after a Redis failure, how long reads skip Redis before trying it again
 * @param keyPrefix        prefix of every key this service writes
 */
@ConfigurationProperties("stockradar.cache")
record CacheProperties(@DefaultValue("5m") Duration quoteTtl, @DefaultValue("7d") Duration staticDataTtl,
                       @DefaultValue("20m") Duration afterCloseMargin, @DefaultValue("5s") Duration retryAfter,
                       @DefaultValue("stockradar:md") String keyPrefix) {
}
