package io.stockradar.marketdata.dart;

import io.stockradar.marketdata.upstream.UpstreamHttp;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;

/** Live OpenDART, on with {@code stockradar.dart.enabled=true} ({@code DART_ENABLED=true}) and {@code DART_API_KEY}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "stockradar.dart", name = "enabled", havingValue = "true")
class DartConfiguration {

    /** Slots are reserved at most this far ahead (bounds what is outstanding when Redis fails). */
    static final Duration RESERVE_AHEAD = Duration.ofMillis(500);
    /** After a Redis failure the limiter stays local this long before trying Redis again. */
    static final Duration REDIS_RETRY = Duration.ofSeconds(1);

    @Bean
    RedisRateLimiter dartRateLimiter(StringRedisTemplate redis, DartProperties properties) {
        return new RedisRateLimiter(redis, properties.limits(), RESERVE_AHEAD, REDIS_RETRY, Clock.systemUTC());
    }

    @Bean
    DartClient dartClient(DartProperties properties, JsonMapper jsonMapper, RedisRateLimiter dartRateLimiter) {
        return client(properties, jsonMapper, dartRateLimiter, Clock.systemUTC());
    }

    static DartClient client(DartProperties properties, JsonMapper jsonMapper, DartRateLimiter limiter, Clock clock) {
        RestClient restClient = RestClient.builder()
                .baseUrl(properties.baseUrl().toString())
                .requestFactory(UpstreamHttp.requestFactory(properties.connectTimeout(), properties.readTimeout()))
                // DART reports errors in the body of HTTP 200; DartClient reads status and body itself.
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        DartApi api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient)).build()
                .createClient(DartApi.class);
        return new DartClient(api, jsonMapper, properties, limiter, clock);
    }

    @Bean
    CorpCodeDirectory corpCodeDirectory(DartClient client, DartProperties properties) {
        return new CorpCodeDirectory(client, properties, Clock.systemUTC());
    }

    @Bean
    DartDisclosureSource dartDisclosureSource(DartClient client, CorpCodeDirectory corpCodes,
                                              DartProperties properties) {
        return new DartDisclosureSource(client, corpCodes, properties, Clock.systemUTC());
    }

    @Bean
    DartFinancialsSource dartFinancialsSource(DartClient client, CorpCodeDirectory corpCodes) {
        return new DartFinancialsSource(new DartFinancialStatements(client), corpCodes, Clock.systemUTC());
    }

    @Bean
    DartHealthIndicator dartHealthIndicator(DartClient client, CorpCodeDirectory corpCodes,
                                            RedisRateLimiter dartRateLimiter) {
        return new DartHealthIndicator(client, corpCodes, dartRateLimiter);
    }
}
