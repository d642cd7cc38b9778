package io.stockradar.marketdata;

import io.stockradar.testsupport.Redis;
import io.stockradar.testsupport.SharedInfrastructure;
import org.springframework.boot.SpringApplication;

/**
 * Starts market-data-service for local poking with a real (embedded or container) Redis from
 * test-support and the bundled demo dataset: {@code ./mvnw -pl market-data-service spring-boot:test-run}
 * or run this main from the IDE. JWTs are validated against {@code AUTH_JWKS_URI} (auth-service);
 * {@code /internal/**} needs a service token of the same issuer (aud {@code stockradar-internal}, scope
 * {@code market:read}); health and OpenAPI work without one.
 */
public class TestMarketDataServiceApplication {

    public static void main(String[] args) {
        Redis redis = SharedInfrastructure.redis();
        // System properties outrank application.yml's ${REDIS_HOST:localhost} defaults.
        System.setProperty("spring.data.redis.host", redis.host());
        System.setProperty("spring.data.redis.port", String.valueOf(redis.port()));
        SpringApplication.run(MarketDataServiceApplication.class, args);
    }
}
