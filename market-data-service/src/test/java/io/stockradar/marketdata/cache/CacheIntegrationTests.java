package io.stockradar.marketdata.cache;

import io.stockradar.marketdata.IntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Proves the cache is real: the second read is served by Redis, not by the provider. */
class CacheIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private RedisConnectionFactory redisConnectionFactory;

    @BeforeEach
    void emptyRedis() {
        try (RedisConnection connection = redisConnectionFactory.getConnection()) {
            connection.serverCommands().flushAll();
        }
        Mockito.clearInvocations(provider);
    }

    @Test
    void secondBarsReadComesFromRedisWithTheStaticDataTtl() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(authenticated(get("/api/market/bars/005930.KS").param("range", i == 0 ? "1mo" : "1y")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.bars[-1:].close").value(57200.0));
        }
        verify(provider, times(1)).dailySeries("005930.KS");
        String key = "stockradar:md:demo:" + provider.dataVersion() + ":daily:005930.KS";
        try (RedisConnection connection = redisConnectionFactory.getConnection()) {
            Long ttl = connection.keyCommands().ttl(key.getBytes(StandardCharsets.UTF_8));
            assertThat(ttl).isBetween(7 * 86_400L - 60, 7 * 86_400L);
        }
    }

    @Test
    void quotesAreCachedForFiveMinutes() throws Exception {
        for (int i = 0; i < 2; i++) {
            mvc.perform(authenticated(get("/api/market/quote/AAPL")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.price").value(274.2300109863281))
                    .andExpect(jsonPath("$.marketTime").value("2026-02-25T16:00:00-05:00"));
        }
        verify(provider, times(1)).quote("AAPL");
        String key = "stockradar:md:demo:" + provider.dataVersion() + ":quote:AAPL";
        try (RedisConnection connection = redisConnectionFactory.getConnection()) {
            assertThat(connection.keyCommands().ttl(key.getBytes(StandardCharsets.UTF_8))).isBetween(290L, 300L);
        }
    }

    @Test
    void aBatchOfHundredsOfSymbolsReadsRedisInOneMgetAndWritesInOnePipeline() throws Exception {
        List<String> symbols = provider.universe("SP500").orElseThrow().symbols().subList(0, 300);
        String body = "{\"symbols\":[" + symbols.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","))
                + "],\"days\":250}";
        int missing = (int) symbols.stream().filter(s -> provider.dailySeries(s).isEmpty()).count();
        Mockito.clearInvocations(provider);
        long mgetBefore = calls("mget");
        long getBefore = calls("get");
        long setBefore = calls("set");

        mvc.perform(asService(post("/internal/bars").contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isOk());
        assertThat(calls("mget") - mgetBefore).isEqualTo(1);
        assertThat(calls("get") - getBefore).isZero();
        long written = calls("set") - setBefore;
        verify(provider, times(300)).dailySeries(anyString());
        assertThat(written).isEqualTo(300 - missing);

        Mockito.clearInvocations(provider);
        mvc.perform(asService(post("/internal/bars").contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.series.AAPL.dates.length()").value(250));
        assertThat(calls("mget") - mgetBefore).isEqualTo(2);
        assertThat(calls("set") - setBefore).isEqualTo(written);
        // symbols without a series are asked again (absence is not cached), everything else came from Redis
        verify(provider, times(missing)).dailySeries(anyString());
        verify(provider, never()).dailySeries("AAPL");
    }

    /** Calls of a command so far, from Redis's own INFO commandstats. */
    private long calls(String command) {
        try (RedisConnection connection = redisConnectionFactory.getConnection()) {
            Properties stats = connection.serverCommands().info("commandstats");
            String line = stats == null ? null : stats.getProperty("cmdstat_" + command);
            if (line == null) {
                return 0;
            }
            for (String part : line.split(",")) {
                if (part.startsWith("calls=")) {
                    return Long.parseLong(part.substring("calls=".length()));
                }
            }
            return 0;
        }
    }
}
