package io.stockradar.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.gateway.error.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Per-client rate limits at the edge: Spring Cloud Gateway's {@code RequestRateLimiter} with its
 * {@code RedisRateLimiter} (a token bucket per key and route in Redis, one Lua script per request, shared by
 * every gateway instance), configured per route in application.yml ({@code stockradar.rate-limits.*}). This
 * configuration supplies whose bucket a request uses ({@link RateLimitKeyResolver}), the problem+json answer
 * ({@link RateLimitProblemFilter}) and the client address both rely on ({@link ClientAddresses}).
 *
 * <p>Redis down: the library lets every request through (fail open) - the right trade for a limiter whose job
 * is fairness and abuse damping, not authentication; counted as {@code stockradar_gateway_rate_limit_unavailable_total}.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    ClientAddresses clientAddresses(ClientAddressProperties properties) {
        return new ClientAddresses(properties);
    }

    /** Referenced by name from the routes ({@code key-resolver: "#{@rateLimitKeyResolver}"}). */
    @Bean
    RateLimitKeyResolver rateLimitKeyResolver(ClientAddresses clientAddresses) {
        return new RateLimitKeyResolver(clientAddresses);
    }

    @Bean
    RateLimitProblemFilter rateLimitProblemFilter(ProblemWriter problems, MeterRegistry meters) {
        return new RateLimitProblemFilter(problems, meters);
    }

    @Bean
    ClientAddressForwarding clientAddressForwarding(ClientAddresses clientAddresses) {
        return new ClientAddressForwarding(clientAddresses);
    }
}
