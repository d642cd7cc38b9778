package io.stockradar.marketdata.cache;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stockradar.marketdata.provider.UpstreamUnavailableException;
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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link CachedDocuments} on the real Redis, as two "service instances" (each its own connection and
 * {@link RedisStore}): single-flight across both, freshness and revalidation behind, the last good value
 * while the upstream fails, and a warm batch in one MGET.
 */
class CachedDocumentsIntegrationTests {

    record Doc(String id, int version) {
    }

    private final List<LettuceConnectionFactory> factories = new ArrayList<>();
    private final String prefix = "test:docs:" + UUID.randomUUID();
    private final CachedDocuments.Kind<Doc> kind = new CachedDocuments.Kind<>("doc-v1", Doc.class,
            Duration.ofMinutes(10), Duration.ofMinutes(10));

    @AfterEach
    void stop() {
        factories.forEach(LettuceConnectionFactory::destroy);
    }

    @Test
    void concurrentMissesOfOneKeyOnTwoInstancesCallTheUpstreamOnce() throws Exception {
        CachedDocuments a = instance();
        CachedDocuments b = instance();
        AtomicInteger calls = new AtomicInteger();
        Function<String, Doc> slowUpstream = id -> {
            calls.incrementAndGet();
            sleep(300);
            return new Doc(id, 1);
        };

        List<CachedValue<Doc>> results = concurrently(100, i -> (i % 2 == 0 ? a : b).get(kind, "X", slowUpstream));

        assertThat(calls).hasValue(1);
        assertThat(results).hasSize(100).allSatisfy(r -> {
            assertThat(r.value()).isEqualTo(new Doc("X", 1));
            assertThat(r.stale()).isFalse();
        });
    }

    @Test
    void aWarmBatchIsServedFromRedisWithoutTheUpstream() {
        CachedDocuments a = instance();
        AtomicInteger calls = new AtomicInteger();
        Function<String, Doc> upstream = id -> new Doc(id, calls.incrementAndGet());
        List<String> ids = List.of("A", "B", "C", "D");

        CachedDocuments.Batch<Doc> cold = a.getAll(kind, ids, upstream, 2, Duration.ofSeconds(5));
        CachedDocuments.Batch<Doc> warm = instance().getAll(kind, ids, upstream, 2, Duration.ofSeconds(5));

        assertThat(cold.values().keySet()).containsExactlyElementsOf(ids);
        assertThat(warm.values()).isEqualTo(cold.values());
        assertThat(calls).hasValue(4);
    }

    @Test
    void whenTheUpstreamFailsTheLastGoodValueIsServedMarkedStaleAndWithoutOneItIsA503() {
        CachedDocuments a = instance();
        RedisTemplate<String, byte[]> redis = template();
        a.get(kind, "X", id -> new Doc(id, 1));
        redis.delete(List.of(prefix + ":doc:doc-v1:X", prefix + ":doc:doc-v1:X:fresh")); // expired

        Function<String, Doc> failing = id -> {
            throw new UpstreamUnavailableException("dart", "limit exceeded", Duration.ofSeconds(3));
        };
        CachedValue<Doc> served = a.get(kind, "X", failing);

        assertThat(served.stale()).isTrue();
        assertThat(served.value()).isEqualTo(new Doc("X", 1));
        assertThatThrownBy(() -> a.get(kind, "never-loaded", failing))
                .isInstanceOf(UpstreamUnavailableException.class)
                .satisfies(e -> assertThat(((UpstreamUnavailableException) e).getHeaders().getFirst("Retry-After"))
                        .isEqualTo("3"));
    }

    @Test
    void afterFreshForTheValueIsServedAtOnceAndReloadedBehindOnce() {
        CachedDocuments a = instance();
        CachedDocuments b = instance();
        RedisTemplate<String, byte[]> redis = template();
        AtomicInteger calls = new AtomicInteger();
        Function<String, Doc> upstream = id -> {
            sleep(200);
            return new Doc(id, calls.incrementAndGet());
        };
        a.get(kind, "X", upstream);
        redis.delete(prefix + ":doc:doc-v1:X:fresh"); // freshFor has passed

        assertThat(a.get(kind, "X", upstream).value().version()).as("served at once, not reloaded inline").isEqualTo(1);
        assertThat(b.get(kind, "X", upstream).value().version()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(a.get(kind, "X", upstream).value().version()).isEqualTo(2));
        assertThat(calls).as("one reload behind, by the lease holder").hasValue(2);
        assertThat(redis.hasKey(prefix + ":doc:doc-v1:X:fresh")).isTrue();
    }

    @Test
    void aReaderThatSawTheValueUnmarkedDoesNotReloadItWhenAnotherInstanceJustDid() {
        RedisTemplate<String, byte[]> redis = template();
        CachedDocuments a = instance();
        AtomicInteger calls = new AtomicInteger();
        Function<String, Doc> upstream = id -> new Doc(id, calls.incrementAndGet());
        a.get(kind, "X", upstream);
        String fresh = prefix + ":doc:doc-v1:X:fresh";
        redis.delete(fresh); // freshFor has passed
        // Between b's read and its lease, another instance reloads X, marks it fresh and drops its lease.
        RedisStore racing = new RedisStore(redis, Duration.ofSeconds(5), Clock.systemUTC(), new SimpleMeterRegistry()) {
            @Override
            List<Integer> lease(List<String> keys, String token, Duration ttl) {
                redis.opsForValue().set(fresh, new byte[] {1}, Duration.ofMinutes(1));
                return super.lease(keys, token, ttl);
            }
        };
        CachedDocuments b = instance(racing);
        CountDownLatch reloadMayEnd = new CountDownLatch(1);
        Function<String, Doc> heldUpstream = id -> {
            waitFor(reloadMayEnd);
            return upstream.apply(id);
        };

        try {
            assertThat(b.get(kind, "X", heldUpstream).value().version()).isEqualTo(1);

            // A reload started behind would hold the lease until the upstream answers.
            assertThat(redis.hasKey(prefix + ":doc:doc-v1:X:lease")).as("no second reload behind").isFalse();
        } finally {
            reloadMayEnd.countDown();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void aBatchReportsIdsNotLoadedWithinItsBudgetAsUnavailableAndKeepsLoadingThem() {
        CachedDocuments a = instance();
        AtomicInteger calls = new AtomicInteger();
        Function<String, Doc> upstream = id -> {
            calls.incrementAndGet();
            sleep("slow".equals(id) ? 1_000 : 0);
            return new Doc(id, 1);
        };

        CachedDocuments.Batch<Doc> batch = a.getAll(kind, List.of("fast", "slow"), upstream, 2,
                Duration.ofMillis(300));

        assertThat(batch.values()).containsOnlyKeys("fast");
        assertThat(batch.unavailable()).containsOnlyKeys("slow");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                a.getAll(kind, List.of("slow"), upstream, 1, Duration.ofMillis(100)).values()).containsKey("slow"));
        assertThat(calls).hasValue(2);
    }

    private CachedDocuments instance() {
        return instance(new RedisStore(template(), Duration.ofSeconds(5), Clock.systemUTC(), new SimpleMeterRegistry()));
    }

    private CachedDocuments instance(RedisStore store) {
        CacheProperties properties = new CacheProperties(Duration.ofMinutes(5), Duration.ofDays(7),
                Duration.ofMinutes(20), Duration.ofSeconds(5), prefix, Duration.ofDays(7),
                new CacheProperties.SingleFlight(true, Duration.ofSeconds(10), Duration.ofMillis(25),
                        Duration.ofSeconds(10), Duration.ofSeconds(2)), Duration.ofMinutes(1));
        return new CachedDocuments(store, properties, JsonMapper.builder().build(), Clock.systemUTC(),
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

    private interface Call<T> {
        T apply(int caller) throws Exception;
    }

    private static <T> List<T> concurrently(int callers, Call<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<T>> tasks = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            tasks.add(() -> {
                start.await();
                return call.apply(caller);
            });
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
