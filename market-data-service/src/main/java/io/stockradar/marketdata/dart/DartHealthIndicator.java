package io.stockradar.marketdata.dart;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code dart} in /actuator/health while live DART is on: OUT_OF_SERVICE with {@code dart: misconfigured}
 * when the key is missing or DART rejected it (010/011/012/901), so an operator sees it at once.
 */
class DartHealthIndicator implements HealthIndicator {

    private final DartClient client;
    private final CorpCodeDirectory corpCodes;
    private final RedisRateLimiter limiter;

    DartHealthIndicator(DartClient client, CorpCodeDirectory corpCodes, RedisRateLimiter limiter) {
        this.client = client;
        this.corpCodes = corpCodes;
        this.limiter = limiter;
    }

    @Override
    public Health health() {
        String problem = client.misconfiguration();
        Health.Builder health = problem == null ? Health.up() : Health.outOfService()
                .withDetail("dart", "misconfigured").withDetail("reason", problem);
        return health.withDetail("listedCorpCodes", corpCodes.listed())
                .withDetail("limiter", limiter.shared() ? "shared (Redis)" : "local share (Redis unavailable)")
                // permits given up because the caller woke too late for its slot (many: overloaded host or Redis)
                .withDetail("limiterDroppedLate", limiter.droppedLate())
                .build();
    }
}
