package io.stockradar.marketdata.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.marketdata.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: a failed Redis write pipeline must not stop reads from using the cache. The embedded (real) Redis
 * is made to refuse every write ({@code maxmemory 1}, policy noeviction: "OOM command not allowed") while it
 * still answers reads.
 */
class RedisWriteFailureIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private RedisStore store;

    @Autowired
    private RedisConnectionFactory redisConnectionFactory;

    @Autowired
    private MeterRegistry meters;

    @Test
    void aFailedWritePipelineIsCountedAndReadsKeepUsingRedis() {
        String cached = "stockradar:md:test:write-failure:" + UUID.randomUUID();
        byte[] value = "cached".getBytes(StandardCharsets.UTF_8);
        store.putAll(Map.of(cached, value), Duration.ofMinutes(1));
        assertThat(store.getAll(List.of(cached))).containsExactly(value);
        double errorsBefore = writeErrors();

        String policy = config("maxmemory-policy");
        config("maxmemory-policy", "noeviction"); // keep what is cached, refuse what is new
        config("maxmemory", "1");
        try {
            store.putAll(Map.of(cached + ":new", value), Duration.ofMinutes(1));

            assertThat(writeErrors()).isEqualTo(errorsBefore + 1);
            // the read right after the failed write still comes from Redis
            assertThat(store.getAll(List.of(cached, cached + ":new"))).containsExactly(value, null);
            assertThat(store.available()).isTrue();
        } finally {
            config("maxmemory", "0");
            config("maxmemory-policy", policy);
        }
    }

    private double writeErrors() {
        return meters.counter("stockradar.cache.errors", "operation", "SET pipeline").count();
    }

    private void config(String parameter, String value) {
        try (RedisConnection connection = redisConnectionFactory.getConnection()) {
            connection.serverCommands().setConfig(parameter, value);
        }
    }

    private String config(String parameter) {
        try (RedisConnection connection = redisConnectionFactory.getConnection()) {
            return connection.serverCommands().getConfig(parameter).getProperty(parameter);
        }
    }
}
