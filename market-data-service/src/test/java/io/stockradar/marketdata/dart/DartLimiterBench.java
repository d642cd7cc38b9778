package io.stockradar.marketdata.dart;

import io.lettuce.core.ClientOptions;
import io.stockradar.marketdata.provider.UpstreamUnavailableException;
import io.stockradar.marketdata.upstream.UpstreamStub;
import io.stockradar.testsupport.Redis;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.stockradar.marketdata.upstream.Recordings.dart;

/**
 * Benchmark part (c), used by {@code bench/market-data/run.sh}: the production DART client and limiter as two
 * "instances" (two {@link RedisRateLimiter}s on two Redis connections, two {@link DartClient}s) against a local
 * stub replaying a real company.json; the stub's arrival timestamps are the measurement.
 */
public final class DartLimiterBench {

    /** What the stub saw: arrival times, and the instance split. */
    public record Result(Duration measured, List<Instant> arrivals, int servedByA, int servedByB, int gaveUp,
                         double configuredPerSecond, int budgetPerSecond, long droppedLate) {
    }

    private DartLimiterBench() {
    }

    /** {@code callers} virtual threads calling company.json through two instances for {@code runFor}. */
    public static Result limited(Redis redis, int callers, Duration runFor) throws Exception {
        List<LettuceConnectionFactory> factories = new ArrayList<>();
        try (UpstreamStub stub = new UpstreamStub()) {
            stub.on("/api/company.json", dart("company_00126380.json"));
            DartProperties properties = DartClientTest.properties(stub.baseUrl(), DartClientTest.KEY, Duration.ofSeconds(3));
            // as application.yml configures them (the day budget out of the way)
            DartProperties.Limits limits = new DartProperties.Limits(9.6, 1_000_000, 2, 10, Duration.ofMillis(40),
                    Duration.ofMillis(20), "bench:dart:" + UUID.randomUUID());
            RedisRateLimiter first = new RedisRateLimiter(redis(redis, factories), limits, DartConfiguration.RESERVE_AHEAD,
                    DartConfiguration.REDIS_RETRY, Clock.systemUTC());
            RedisRateLimiter second = new RedisRateLimiter(redis(redis, factories), limits,
                    DartConfiguration.RESERVE_AHEAD, DartConfiguration.REDIS_RETRY, Clock.systemUTC());
            DartClient a = DartConfiguration.client(properties, JsonMapper.builder().build(), first, Clock.systemUTC());
            DartClient b = DartConfiguration.client(properties, JsonMapper.builder().build(), second, Clock.systemUTC());
            // Warm-up, as a running service would be (like part (a)'s warm-up calls): each instance makes 3 calls
            // (Redis connection, script load, HTTP client, JIT), then the stub forgets them. Cold, the first script
            // call takes ~0.5 s and the permits it gives, and some in the first second, are dropped as late.
            for (int i = 0; i < 3; i++) {
                a.company("00126380");
                b.company("00126380");
            }
            stub.reset();
            long droppedInWarmUp = first.droppedLate() + second.droppedLate();
            AtomicInteger byA = new AtomicInteger();
            AtomicInteger byB = new AtomicInteger();
            AtomicInteger gaveUp = new AtomicInteger();
            Instant end = Instant.now().plus(runFor);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < callers; i++) {
                    boolean onA = i % 2 == 0;
                    pool.submit(() -> {
                        while (Instant.now().isBefore(end)) {
                            try {
                                (onA ? a : b).company("00126380");
                                (onA ? byA : byB).incrementAndGet();
                            } catch (UpstreamUnavailableException e) {
                                gaveUp.incrementAndGet(); // waited in line until its deadline
                            }
                        }
                    });
                }
            }
            List<Instant> arrivals = stub.calls().stream().map(UpstreamStub.Call::at).sorted().toList();
            return new Result(runFor, arrivals, byA.get(), byB.get(), gaveUp.get(), limits.perSecond(),
                    limits.budgetPerSecond(), first.droppedLate() + second.droppedLate() - droppedInWarmUp);
        } finally {
            factories.forEach(LettuceConnectionFactory::destroy);
        }
    }

    /** The same client without a limiter, one caller: what the stub and client can do (the limiter's headroom). */
    public static double unlimitedPerSecond(Duration runFor) {
        try (UpstreamStub stub = new UpstreamStub()) {
            stub.on("/api/company.json", dart("company_00126380.json"));
            DartClient client = DartConfiguration.client(DartClientTest.properties(stub.baseUrl(), DartClientTest.KEY, Duration.ofSeconds(3)),
                    JsonMapper.builder().build(), deadline -> { }, Clock.systemUTC());
            Instant end = Instant.now().plus(runFor);
            int calls = 0;
            long started = System.nanoTime();
            while (Instant.now().isBefore(end)) {
                client.company("00126380");
                calls++;
            }
            return calls / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static StringRedisTemplate redis(Redis redis, List<LettuceConnectionFactory> factories) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofMillis(500))
                .clientOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .autoReconnect(true).build())
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(redis.host(), redis.port()), client);
        factory.afterPropertiesSet();
        factory.start();
        factories.add(factory);
        return new StringRedisTemplate(factory);
    }
}
