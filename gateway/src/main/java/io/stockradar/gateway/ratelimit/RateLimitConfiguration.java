package io.stockradar.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.security.VerifiedTokenCache;
import io.stockradar.gateway.error.ProblemWriter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

    /**
     * The library's limiter and its own Lua script, read once. Spring Cloud Gateway's default bean wraps the
     * script in a {@code ResourceScriptSource}, and Spring Data Redis asks that source whether the file
     * changed on every call, inside a lock: a class-path look-up in the nested jar per request
     * (spring-data-redis#2128). In the gateway's profile under sign-in load that was the largest single
     * item on the Redis client's side (bench/auth/README.md).
     */
    @Bean
    RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configurationService) {
        return new RedisRateLimiter(redis, requestRateLimiterScript(), configurationService);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static RedisScript<List<Long>> requestRateLimiterScript() {
        try {
            String lua = new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")
                    .getContentAsString(StandardCharsets.UTF_8);
            return (RedisScript) RedisScript.of(lua, List.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Spring Cloud Gateway's request_rate_limiter.lua is missing", e);
        }
    }

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
    FailedAuthenticationLimitWebFilter failedAuthenticationLimitWebFilter(FailedAuthenticationLimit settings,
            ClientAddresses clientAddresses, VerifiedTokenCache verifiedTokenCache, ProblemWriter problems,
            MeterRegistry meters) {
        return new FailedAuthenticationLimitWebFilter(settings, clientAddresses, verifiedTokenCache, problems, meters);
    }

    @Bean
    ClientAddressForwarding clientAddressForwarding(ClientAddresses clientAddresses) {
        return new ClientAddressForwarding(clientAddresses);
    }
}
