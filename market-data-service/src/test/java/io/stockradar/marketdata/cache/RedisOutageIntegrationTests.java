package io.stockradar.marketdata.cache;

import io.stockradar.marketdata.IntegrationTestSupport;
import io.stockradar.testsupport.Redis;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Redis is a cache, not a dependency: reads go on while it is down, and caching resumes when it is back. */
class RedisOutageIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private CachedMarketData data;

    @Autowired
    private RedisConnectionFactory redisConnectionFactory;

    @Test
    void readsKeepWorkingWhileRedisIsDownAndCachingResumesAfterwards() throws Exception {
        Redis redis = SharedInfrastructure.redis();
        redis.stop();
        try {
            long started = System.nanoTime();
            mvc.perform(authenticated(get("/api/market/quote/005930.KS")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.price").value(57200.0));
            mvc.perform(authenticated(get("/api/market/bars/MSFT").param("range", "1mo")))
                    .andExpect(status().isOk());
            mvc.perform(asService(post("/internal/bars").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"symbols\":[\"005930.KS\",\"AAPL\"],\"days\":5}")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.series.AAPL.close.length()").value(5));
            assertThat(data.redisAvailable()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            redis.start();
        }
        byte[] key = ("stockradar:md:demo:" + provider.dataVersion() + ":daily:NVDA").getBytes(StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            mvc.perform(authenticated(get("/api/market/bars/NVDA"))).andExpect(status().isOk());
            try (RedisConnection connection = redisConnectionFactory.getConnection()) {
                assertThat(connection.keyCommands().exists(key)).isTrue();
            }
        });
        assertThat(data.redisAvailable()).isTrue();
    }
}
