package io.stockradar.marketdata.cache;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SecurityMaster;
import io.stockradar.marketdata.provider.SecurityType;
import io.stockradar.marketdata.upstream.UpstreamStub;
import io.stockradar.marketdata.yahoo.YahooTestProviders;
import io.stockradar.testsupport.Redis;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.stockradar.marketdata.upstream.Recordings.yahoo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Two {@link CachedMarketData} instances (two "service instances", each with its own Redis connection and
 * its own yahoo provider) share the real Redis; cold-key misses reach the Yahoo stub once in total.
 */
class SingleFlightIntegrationTests {

    private static final Security AAPL = new Security("AAPL", "AAPL", Market.US, null, SecurityType.STOCK, null,
            "Apple Inc.", null, null, null, null, null, null, null, List.of("SP500"));

    private final UpstreamStub stub = new UpstreamStub();
    private final List<LettuceConnectionFactory> factories = new ArrayList<>();
    private final String prefix = "test:sf:" + UUID.randomUUID();

    @AfterEach
    void stop() {
        stub.close();
        factories.forEach(LettuceConnectionFactory::destroy);
    }

    private CachedMarketData instance() {
        return instance(Duration.ofMinutes(1));
    }

    private CachedMarketData instance(Duration quoteRefreshAfter) {
        SecurityMaster master = mock(SecurityMaster.class);
        when(master.security("AAPL")).thenReturn(Optional.of(AAPL));
        when(master.version()).thenReturn("test");
        MarketDataProvider provider = YahooTestProviders.yahoo(stub.baseUrl(), master);
        CacheProperties properties = new CacheProperties(Duration.ofMinutes(5), Duration.ofDays(7),
                Duration.ofMinutes(20), Duration.ofSeconds(5), prefix, Duration.ofDays(7),
                new CacheProperties.SingleFlight(true, Duration.ofSeconds(10), Duration.ofMillis(25),
                        Duration.ofSeconds(10), Duration.ofSeconds(2)), quoteRefreshAfter);
        RedisStore store = new RedisStore(template(), properties.retryAfter(), Clock.systemUTC(),
                new SimpleMeterRegistry());
        return new CachedMarketData(provider, store, properties, JsonMapper.builder().build(), Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    private RedisTemplate<String, byte[]> template() {
        Redis redis = SharedInfrastructure.redis();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(redis.host(), redis.port()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2))
                        .clientOptions(ClientOptions.builder()
                                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                        .build());
        factory.afterPropertiesSet();
        factory.start();
        factories.add(factory);
        RedisTemplate<String, byte[]> template = new RedisTemplate<>();
        template.setConnectionFactory(factory);
        template.setKeySerializer(RedisSerializer.string());
        template.setValueSerializer(RedisSerializer.byteArray());
        template.afterPropertiesSet();
        return template;
    }

    private static List<DailySeries> concurrently(int callers, CachedMarketData a, CachedMarketData b)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<DailySeries>> tasks = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            CachedMarketData instance = i % 2 == 0 ? a : b;
            tasks.add(() -> {
                start.await();
                return instance.dailySeries("AAPL").orElseThrow();
            });
        }
        List<DailySeries> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<DailySeries>> futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<DailySeries> future : futures) {
                results.add(future.get());
            }
        }
        return results;
    }

    @Test
    void twentyConcurrentMissesOnTwoInstancesMakeOneUpstreamCall() throws Exception {
        stub.on("/v8/finance/chart/AAPL", yahoo("chart-AAPL-2020-08-31-to-2020-11-07.json"));
        stub.hold(Duration.ofMillis(300)); // Yahoo takes its time: every caller misses while the first loads

        List<DailySeries> results = concurrently(20, instance(), instance());

        assertThat(stub.count("/v8/finance/chart/AAPL")).isEqualTo(1);
        assertThat(results).hasSize(20).allSatisfy(series -> {
            assertThat(series.size()).isEqualTo(49);
            assertThat(series.lastDate()).hasToString("2020-11-06");
        });
    }

    @Test
    void whenTheLeaseHolderDiesAWaiterTakesOverAndStillOnlyOneCallIsMade() throws Exception {
        stub.on("/v8/finance/chart/AAPL", yahoo("chart-AAPL-2020-08-31-to-2020-11-07.json"));
        CachedMarketData a = instance();
        CachedMarketData b = instance();
        // A third instance took the lease and died: no value will come; the lease expires after 400 ms.
        String lease = prefix + ":yahoo:live-test:daily:AAPL:lease";
        try (var connection = factories.getFirst().getConnection()) {
            connection.stringCommands().set(lease.getBytes(StandardCharsets.UTF_8),
                    "dead-instance".getBytes(StandardCharsets.UTF_8),
                    org.springframework.data.redis.core.types.Expiration.milliseconds(400),
                    org.springframework.data.redis.connection.RedisStringCommands.SetOption.upsert());
        }

        long started = System.nanoTime();
        List<DailySeries> results = concurrently(6, a, b);

        assertThat(results).hasSize(6).allSatisfy(series -> assertThat(series.size()).isEqualTo(49));
        assertThat(stub.count("/v8/finance/chart/AAPL")).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void concurrentQuoteMissesOnTwoInstancesMakeOneQuoteCall() throws Exception {
        stub.on("/fc", new okhttp3.mockwebserver.MockResponse().setResponseCode(404).setHeaders(
                yahoo("getCrumb-quote-AAPL-copyConsent.json").getHeaders().newBuilder().removeAll("Location").build()));
        stub.on("/v1/test/getcrumb", yahoo("getCrumb-getcrumb.json"));
        stub.on("/v7/finance/quote", yahoo("quote-AAPL.json"));
        stub.hold(Duration.ofMillis(200));
        CachedMarketData a = instance();
        CachedMarketData b = instance();

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Double>> prices = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                CachedMarketData instance = i % 2 == 0 ? a : b;
                prices.add(pool.submit(() -> {
                    start.await();
                    return instance.quote("AAPL").orElseThrow().price();
                }));
            }
            start.countDown();
            for (Future<Double> price : prices) {
                assertThat(price.get()).isEqualTo(244.6);
            }
        }
        assertThat(stub.count("/v7/finance/quote")).isEqualTo(1);
    }

    @Test
    void anAgingQuoteIsServedAtOnceAndRefreshedBehindByOneInstance() throws Exception {
        stub.on("/fc", new okhttp3.mockwebserver.MockResponse().setResponseCode(404).setHeaders(
                yahoo("getCrumb-quote-AAPL-copyConsent.json").getHeaders().newBuilder().removeAll("Location").build()));
        stub.on("/v1/test/getcrumb", yahoo("getCrumb-getcrumb.json"));
        stub.on("/v7/finance/quote", yahoo("quote-AAPL.json"));
        CachedMarketData a = instance(Duration.ofMillis(300));
        CachedMarketData b = instance(Duration.ofMillis(300));
        assertThat(a.quote("AAPL")).isPresent();
        assertThat(b.quote("AAPL")).isPresent();
        assertThat(stub.count("/v7/finance/quote")).as("fresh: from Redis").isEqualTo(1);

        Thread.sleep(400); // older than refresh-after, younger than the 5-min TTL
        stub.hold(Duration.ofSeconds(3)); // Yahoo is slow now: callers must not wait for it
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat((i % 2 == 0 ? a : b).quoteServed("AAPL").orElseThrow().stale()).isFalse();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("ten reads, none waiting for Yahoo's 3 s")
                .isLessThan(Duration.ofMillis(2_500));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> stub.count("/v7/finance/quote") == 2);
        Thread.sleep(200);
        assertThat(stub.count("/v7/finance/quote")).as("one refresh for ten callers on two instances").isEqualTo(2);
    }
}
