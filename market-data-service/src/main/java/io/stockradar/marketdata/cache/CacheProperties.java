package io.stockradar.marketdata.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param quoteTtl         how long a quote stays in Redis
 * @param staticDataTtl    TTL of bars from a provider whose data never changes (demo): the key carries the
 *                         dataset version, so a new dataset never reads old entries
 * @param afterCloseMargin live providers: bars expire this long after the market's next regular close
 * @param retryAfter       after a Redis failure, how long reads skip Redis before trying it again
 * @param keyPrefix        prefix of every key this service writes
 * @param staleTtl         live providers: how long the last good value of a key is kept to answer with (marked
 *                         {@code stale}) while the upstream cannot
 * @param singleFlight     live providers: one upstream call per cold key across all instances
 * @param quoteRefreshAfter live providers: a cached quote older than this is still served but reloaded in
 *                         the background (stale-while-revalidate); at or above {@code quoteTtl}: off
 */
@ConfigurationProperties("stockradar.cache")
record CacheProperties(@DefaultValue("5m") Duration quoteTtl, @DefaultValue("7d") Duration staticDataTtl,
                       @DefaultValue("20m") Duration afterCloseMargin, @DefaultValue("5s") Duration retryAfter,
                       @DefaultValue("stockradar:md") String keyPrefix, @DefaultValue("7d") Duration staleTtl,
                       @DefaultValue SingleFlight singleFlight, @DefaultValue("1m") Duration quoteRefreshAfter) {

    @ConstructorBinding
    CacheProperties {
    }

    CacheProperties(Duration quoteTtl, Duration staticDataTtl, Duration afterCloseMargin, Duration retryAfter,
                    String keyPrefix) {
        this(quoteTtl, staticDataTtl, afterCloseMargin, retryAfter, keyPrefix, Duration.ofDays(7),
                new SingleFlight(true, Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(10),
                        Duration.ofSeconds(2)), Duration.ofMinutes(1));
    }

    /**
     * @param leaseTtl     how long a lease protects a key: longer than one provider call (a dead holder's
     *                     lease expires after it, and a waiter takes over)
     * @param pollInterval how often waiters look for the value
     * @param maxWait      after this a waiter loads the key itself
     * @param emptyTtl     how long "the provider has nothing for this key" is shared with waiters
     */
    record SingleFlight(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration leaseTtl,
                        @DefaultValue("50ms") Duration pollInterval, @DefaultValue("10s") Duration maxWait,
                        @DefaultValue("2s") Duration emptyTtl) {
    }
}
