package io.stockradar.gateway.ratelimit;

import io.stockradar.gateway.support.GatewayIntegrationTest;
import io.stockradar.testsupport.Redis;
import io.stockradar.testsupport.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scripting.support.ResourceScriptSource;
import org.springframework.scripting.support.StaticScriptSource;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-client token buckets (Spring Cloud Gateway's RequestRateLimiter + RedisRateLimiter) against the JVM's real
 * Redis. Buckets of 3000 tokens that refill 1 token per second, and a request takes 1000: 3 requests at once, then
 * one per 1000 s, so no request's worth refills while a test runs (however slow the machine).
 */
@TestPropertySource(properties = {
        "stockradar.rate-limits.api.replenish-rate=1", "stockradar.rate-limits.api.burst-capacity=3000",
        "stockradar.rate-limits.api.requested-tokens=1000",
        "stockradar.rate-limits.auth.replenish-rate=1", "stockradar.rate-limits.auth.burst-capacity=3000",
        "stockradar.rate-limits.auth.requested-tokens=1000",
        "stockradar.rate-limits.screener-runs.replenish-rate=1", "stockradar.rate-limits.screener-runs.burst-capacity=3000",
        "stockradar.rate-limits.screener-runs.requested-tokens=1000",
        // the test client plays many clients behind a proxy on loopback
        "stockradar.client-address.trusted-proxies=127.0.0.0/8,::1/128"})
class RateLimitIntegrationTests extends GatewayIntegrationTest {

    private static final int BURST = 3;
    private static final int TOKENS_PER_REQUEST = 1000;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RedisRateLimiter limiter;

    /**
     * The limiter runs the library's own Lua script, held as text: the default bean re-checks the script's
     * class-path resource for changes on every request (spring-data-redis#2128), a jar look-up per request.
     */
    @Test
    void theLimiterRunsTheLibrarysScriptWithoutLookingItUpOnEveryRequest() throws Exception {
        RedisScript<?> script = (RedisScript<?>) ReflectionTestUtils.getField(limiter, "script");
        DefaultRedisScript<?> library = new DefaultRedisScript<>();
        library.setScriptSource(new ResourceScriptSource(new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")));

        assertThat(script.getSha1()).isEqualTo(library.getSha1());
        assertThat(ReflectionTestUtils.getField(script, "scriptSource")).isInstanceOf(StaticScriptSource.class);
    }

    @Test
    void overTheLimitIs429ProblemWithRetryAfterAndTheLimiterHeadersAndTheServiceIsNotCalled() {
        String token = tokenOfNewUser();
        for (int i = 0; i < BURST; i++) {
            get("/api/history", token).expectStatus().isOk()
                    .expectHeader().value("X-RateLimit-Remaining", remaining((BURST - 1 - i) * TOKENS_PER_REQUEST));
        }

        get("/api/history", token)
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1000") // 1000 tokens at 1 per second
                .expectHeader().value("X-RateLimit-Remaining", remaining(0))
                .expectHeader().valueEquals("X-RateLimit-Burst-Capacity", "3000")
                .expectHeader().valueEquals("X-RateLimit-Replenish-Rate", "1")
                .expectHeader().valueEquals("X-RateLimit-Requested-Tokens", "1000")
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.code").isEqualTo("TOO_MANY_REQUESTS")
                .jsonPath("$.type").isEqualTo("https://stockradar.io/problems/too-many-requests")
                .jsonPath("$.detail").isEqualTo("Too many requests; try again in 1000 second(s)");
        assertThat(apiCalls(HISTORY_1, HISTORY_2)).isEqualTo(BURST);
    }

    @Test
    void eachUserHasABucketOfTheirOwnWhateverTheAddress() {
        String alice = tokenOfNewUser();
        String bob = tokenOfNewUser();
        String address = randomAddress();
        for (int i = 0; i < BURST; i++) {
            get("/api/history", alice, address).expectStatus().isOk();
        }
        get("/api/history", alice, randomAddress()).expectStatus().isEqualTo(429);

        get("/api/history", bob, address).expectStatus().isOk()
                .expectHeader().value("X-RateLimit-Remaining", remaining(2 * TOKENS_PER_REQUEST));
    }

    @Test
    void startingScreenerRunsHasABucketApartFromReadingThem() {
        String token = tokenOfNewUser();
        for (int i = 0; i < BURST; i++) {
            startRun(token).expectStatus().isOk();
        }
        startRun(token).expectStatus().isEqualTo(429);

        get("/api/screener/runs/42", token).expectStatus().isOk()
                .expectHeader().value("X-RateLimit-Remaining", remaining(2 * TOKENS_PER_REQUEST));
        assertThat(AGENT_1.count("POST") + AGENT_2.count("POST")).isEqualTo(BURST);
    }

    @Test
    void anonymousCallsCountPerClientAddressApartFromSignedInUsers() {
        String address = randomAddress();
        for (int i = 0; i < BURST; i++) {
            login(address).expectStatus().isOk();
        }
        login(address).expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.code").isEqualTo("TOO_MANY_REQUESTS");

        login(randomAddress()).expectStatus().isOk();
        // A signed-in user at the same address draws from their own bucket.
        get("/api/auth/me", tokenOfNewUser(), address).expectStatus().isOk();
    }

    @Test
    void servicesSeeTheClientAddressTheLimitsUseAndNotOneTheClientMadeUp() {
        String address = randomAddress();
        login(address).expectStatus().isOk();
        // From a trusted peer (loopback here) the right-most untrusted X-Forwarded-For entry is the client; entries
        // to its left are the client's own claims and are dropped.
        client.post().uri("/api/auth/login").header("X-Forwarded-For", "203.0.113.66, " + address)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk();

        assertThat(AUTH.requests()).extracting(r -> r.getHeaders().get("X-Forwarded-For"))
                .containsExactly(address, address);
    }

    @Test
    void whenRedisIsDownRequestsPassUnlimitedAndComeBackUnderTheLimitAfterwards() {
        String token = tokenOfNewUser();
        double unlimitedBefore = unlimited();
        Redis redis = SharedInfrastructure.redis();
        redis.stop();
        try {
            for (int i = 0; i < BURST + 3; i++) {
                get("/api/history", token).expectStatus().isOk()
                        .expectHeader().valueEquals("X-RateLimit-Remaining", "-1");
            }
        } finally {
            redis.start();
        }
        assertThat(apiCalls(HISTORY_1, HISTORY_2)).isEqualTo(BURST + 3);
        assertThat(unlimited() - unlimitedBefore).as("counted as passed without a limit").isEqualTo(BURST + 3);

        // Redis back (empty, as after a restart): the limit holds again.
        String after = tokenOfNewUser();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                get("/api/history", after).expectStatus().isOk()
                        .expectHeader().value("X-RateLimit-Remaining", remaining(2 * TOKENS_PER_REQUEST)));
        get("/api/history", after).expectStatus().isOk();
        get("/api/history", after).expectStatus().isOk();
        get("/api/history", after).expectStatus().isEqualTo(429);
    }

    /** Tokens left: {@code expected}, plus the few refilled (1/s) while the test ran. */
    private static Consumer<String> remaining(long expected) {
        return value -> assertThat(Long.parseLong(value)).isBetween(expected, expected + 120);
    }

    private double unlimited() {
        var counter = meters.find("stockradar.gateway.rate.limit.unavailable").tag("route", "history").counter();
        return counter == null ? 0 : counter.count();
    }

    private WebTestClient.ResponseSpec get(String path, String token) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange();
    }

    private WebTestClient.ResponseSpec get(String path, String token, String address) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("X-Forwarded-For", address).exchange();
    }

    private WebTestClient.ResponseSpec startRun(String token) {
        return client.post().uri("/api/screener/runs").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"universe\":\"KOSPI200\"}").exchange();
    }

    private WebTestClient.ResponseSpec login(String address) {
        return client.post().uri("/api/auth/login").header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }

    private static String tokenOfNewUser() {
        return TOKENS.with(claims -> claims.subject(UUID.randomUUID().toString()));
    }

    /** A public address (TEST-NET-3 is not in the trusted proxy ranges), new for each call. */
    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

}
