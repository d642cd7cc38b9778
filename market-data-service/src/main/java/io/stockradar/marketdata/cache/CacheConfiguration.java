package io.stockradar.marketdata.cache;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.marketdata.provider.MarketDataProvider;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    /** While Redis is disconnected, fail commands at once instead of queueing them until the timeout. */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true);
    }

    @Bean
    RedisTemplate<String, byte[]> marketDataRedisTemplate(RedisConnectionFactory connectionFactory) {
        RedisTemplate<String, byte[]> template = new RedisTemplate<>();
        template.setConnectionFactory(connectionFactory);
        template.setKeySerializer(RedisSerializer.string());
        template.setValueSerializer(RedisSerializer.byteArray());
        template.afterPropertiesSet();
        return template;
    }

    @Bean
    RedisStore marketDataRedisStore(RedisTemplate<String, byte[]> marketDataRedisTemplate, CacheProperties properties,
                                    MeterRegistry meters) {
        return new RedisStore(marketDataRedisTemplate, properties.retryAfter(), Clock.systemUTC(), meters);
    }

    @Bean
    CachedMarketData cachedMarketData(MarketDataProvider provider, RedisStore marketDataRedisStore,
                                      CacheProperties properties, JsonMapper jsonMapper, MeterRegistry meters) {
        return new CachedMarketData(provider, marketDataRedisStore, properties, jsonMapper, Clock.systemUTC(), meters);
    }

    @Bean
    CachedDocuments cachedDocuments(RedisStore marketDataRedisStore, CacheProperties properties, JsonMapper jsonMapper,
                                    MeterRegistry meters) {
        return new CachedDocuments(marketDataRedisStore, properties, jsonMapper, Clock.systemUTC(), meters);
    }
}
