package io.stockradar.marketdata.dart;

import io.lettuce.core.ClientOptions;
import io.stockradar.marketdata.provider.UpstreamUnavailableException;
import io.stockradar.marketdata.upstream.UpstreamStub;
import io.stockradar.testsupport.Redis;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service instances (two limiters, two DART clients, two Redis connections) share one real Redis.
 * 50 concurrent callers hammer the DART stub for over 5 s; the stub's own timestamps show at most 10
 * requests in every 1-s window, with Redis up and across {@code SharedInfrastructure.redis().stop()}.
 */
class DartRateLimiterIntegrationTests {

    private static final int CALLERS = 50;
    private static final int BUDGET_PER_SECOND = 10;

    private final UpstreamStub stub = new UpstreamStub();
    private final List<LettuceConnectionFactory> factories = new ArrayList<>();
    private final String prefix = "test:dart:" + UUID.randomUUID();
    private RedisRateLimiter first;
    private RedisRateLimiter second;
    private DartClient instanceA;
    private DartClient instanceB;

    @BeforeEach
    void twoInstances() {
        stub.on("/api/company.json", dart("company_00126380.json"));
        DartProperties properties = DartClientTest.properties(stub.baseUrl(), DartClientTest.KEY, Duration.ofSeconds(3));
        DartProperties.Limits limits = new DartProperties.Limits(8, 10_000, 2, 1, 10, prefix);
        first = new RedisRateLimiter(redis(), limits, DartConfiguration.RESERVE_AHEAD, DartConfiguration.REDIS_RETRY,
                Clock.systemUTC());
        second = new RedisRateLimiter(redis(), limits, DartConfiguration.RESERVE_AHEAD, DartConfiguration.REDIS_RETRY,
                Clock.systemUTC());
        instanceA = DartConfiguration.client(properties, JsonMapper.builder().build(), first, Clock.systemUTC());
        instanceB = DartConfiguration.client(properties, JsonMapper.builder().build(), second, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        stub.close();
        factories.forEach(LettuceConnectionFactory::destroy);
    }

    /** As the service configures Redis: commands fail at once while disconnected, a hung one times out. */
    private StringRedisTemplate redis() {
        Redis redis = SharedInfrastructure.redis();
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

    @Test
    void twoInstancesTogetherNeverExceedTheBudgetInAnySecond() throws Exception {
        Result result = hammer(Duration.ofMillis(5_500), null);

        assertWithinBudget(result);
        // the budget is used, not just throttled to nothing: 8/s for 5.5 s
        assertThat(result.calls()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(result.servedBy()).as("calls per instance").allSatisfy(n -> assertThat(n).isPositive());
        assertThat(first.shared()).isTrue();
    }

    @Test
    void theBudgetStillHoldsWhenRedisStops() throws Exception {
        Redis redis = SharedInfrastructure.redis();
        Result result;
        try {
            result = hammer(Duration.ofMillis(6_500), Duration.ofMillis(2_000));
            assertThat(first.shared()).isFalse();
            assertThat(second.shared()).isFalse();
        } finally {
            redis.start();
        }

        assertWithinBudget(result);
        Instant stopped = result.startedAt().plusMillis(2_000);
        long afterOutage = result.calls().stream().filter(t -> t.isAfter(stopped.plusSeconds(2))).count();
        // each instance holds itself to 8/2 per second: requests go on, at about half speed each
        assertThat(afterOutage).as("requests while Redis is down").isGreaterThanOrEqualTo(10);
    }

    private record Result(Instant startedAt, List<Instant> calls, List<Integer> servedBy) {
    }

    private Result hammer(Duration runFor, Duration stopRedisAfter) throws Exception {
        Instant started = Instant.now();
        Instant end = started.plus(runFor);
        AtomicInteger servedByA = new AtomicInteger();
        AtomicInteger servedByB = new AtomicInteger();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CALLERS; i++) {
                boolean onA = i % 2 == 0;
                callers.submit(() -> {
                    while (Instant.now().isBefore(end)) {
                        try {
                            (onA ? instanceA : instanceB).company("00126380");
                            (onA ? servedByA : servedByB).incrementAndGet();
                        } catch (UpstreamUnavailableException e) {
                            // waited in line until the deadline: fine, try again
                        }
                    }
                });
            }
            if (stopRedisAfter != null) {
                Thread.sleep(stopRedisAfter);
                SharedInfrastructure.redis().stop();
            }
        }
        List<Instant> calls = stub.calls().stream().map(UpstreamStub.Call::at).sorted().toList();
        return new Result(started, calls, List.of(servedByA.get(), servedByB.get()));
    }

    private static void assertWithinBudget(Result result) {
        List<Instant> calls = result.calls();
        int worst = 0;
        Instant worstAt = null;
        for (int i = 0; i < calls.size(); i++) {
            Instant windowEnd = calls.get(i).plusSeconds(1);
            int inWindow = 0;
            for (int j = i; j < calls.size() && calls.get(j).isBefore(windowEnd); j++) {
                inWindow++;
            }
            if (inWindow > worst) {
                worst = inWindow;
                worstAt = calls.get(i);
            }
        }
        assertThat(worst).as("most requests in one 1-s window (starting %s of %s calls)", worstAt, calls.size())
                .isLessThanOrEqualTo(BUDGET_PER_SECOND);
    }
}
