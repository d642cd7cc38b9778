package io.stockradar.marketdata.cache;

/**
 * A value as served: fresh (from the cache or the provider just now) or {@code stale}: the last good value
 * kept for a live provider, served because the upstream cannot answer at the moment.
 */
public record CachedValue<T>(T value, boolean stale) {
}
