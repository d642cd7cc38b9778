package io.stockradar.gateway.security;

import io.stockradar.common.security.VerifiedTokenCache;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the two Redis calls added to the gateway cost per request, against the JVM's real Redis (embedded
 * redis-server on loopback, as in the local stack). Not part of the build (the name matches no surefire
 * pattern); run it explicitly:
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q -o -pl gateway test -Dtest=RedisCostBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false | grep 'bench:'
 * </pre>
 * Prints, in microseconds: one revoked-token check ({@code GET}) and one rate-limit decision (the limiter's Lua
 * script), each sequentially (latency) and 16 at a time (per-call cost under load); token validation without the
 * revocation check, with it after the verification, and as shipped (overlapping the verification); and, as
 * bench/auth measures it, sequential requests to an unrouted {@code /api} path with a valid JWT (validated incl. the revocation check,
 * then 404) against the same without a token (404, no validation).
 */
class RedisCostBenchmark extends GatewayIntegrationTest {

    private static final int WARMUP = 3_000;
    private static final int MEASURED = 10_000;
    private static final int HTTP_MEASURED = 3_000;

    @Autowired
    RevokedTokens revokedTokens;

    @Autowired
    RedisRateLimiter rateLimiter;

    @Autowired
    ReactiveJwtDecoder jwtDecoder;

    @Autowired
    JwtProperties jwtProperties;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @Test
    void measure() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(UUID.randomUUID().toString())
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(900)).build();
        String key = "user:" + UUID.randomUUID();

        report("revoked-token check (GET)", () -> revokedTokens.check(jwt).then(Mono.just(true)));
        report("rate-limit decision (Lua)", () -> rateLimiter.isAllowed("history", key).map(r -> r.isAllowed()));

        // Token validation: verified every time without the revocation check, verified every time with the lookup
        // after the verification (one round trip on top), and as shipped (a verified token is remembered, the lookup
        // follows).
        ReactiveJwtDecoder withoutCheck = new SecurityConfiguration().jwtDecoder(jwtProperties,
                new RevokedTokens(redis, new RevocationProperties(false, Duration.ofMillis(100)), meters, Clock.systemUTC()),
                new VerifiedTokenCache(new VerifiedTokenCache.Settings(0L, Duration.ZERO), Clock.systemUTC()));
        String raw = TOKENS.valid();
        for (int round = 1; round <= 3; round++) {
            double none = sequentialMicros(() -> withoutCheck.decode(raw), WARMUP, MEASURED);
            double after = sequentialMicros(() -> withoutCheck.decode(raw)
                    .flatMap(jwt1 -> revokedTokens.check(jwt1).thenReturn(jwt1)), WARMUP, MEASURED);
            double overlapped = sequentialMicros(() -> jwtDecoder.decode(raw), WARMUP, MEASURED);
            System.out.printf("bench: round %d: token validation %.0f us without the revocation check, %.0f us with it "
                    + "after verifying (+%.0f), %.0f us as shipped, verdict remembered (%+.0f)%n",
                    round, none, after, after - none, overlapped, overlapped - none);
        }

        WebClient http = WebClient.create("http://localhost:" + port);
        String token = bearer(TOKENS.valid());
        Supplier<Mono<Integer>> withToken = () -> http.get().uri("/api/bench-unrouted")
                .header(HttpHeaders.AUTHORIZATION, token).exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
        Supplier<Mono<Integer>> withoutToken = () -> http.get().uri("/bench-unrouted")
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
        assertThat(withToken.get().block()).isEqualTo(404);
        assertThat(withoutToken.get().block()).isEqualTo(404);
        for (int round = 1; round <= 3; round++) {
            double validated = sequentialMicros(withToken, WARMUP / 3, HTTP_MEASURED);
            double plain = sequentialMicros(withoutToken, WARMUP / 3, HTTP_MEASURED);
            System.out.printf("bench: round %d: with a valid JWT %.0f us/request, without a token %.0f us/request, "
                    + "validation incl. revocation check %.0f us%n", round, validated, plain, validated - plain);
        }
    }

    private static <T> void report(String what, Supplier<Mono<T>> call) {
        sequentialMicros(call, WARMUP, WARMUP); // warm-up, JIT
        double sequential = sequentialMicros(call, 0, MEASURED);
        long start = System.nanoTime();
        Long done = Flux.range(0, MEASURED).flatMap(i -> call.get(), 16).count().block(Duration.ofMinutes(2));
        double concurrent = (System.nanoTime() - start) / 1_000.0 / MEASURED;
        assertThat(done).isEqualTo(MEASURED);
        System.out.printf("bench: %s: %.0f us sequential (latency), %.0f us per call at 16 concurrent%n",
                what, sequential, concurrent);
    }

    private static <T> double sequentialMicros(Supplier<Mono<T>> call, int warmup, int measured) {
        for (int i = 0; i < warmup; i++) {
            call.get().block(Duration.ofSeconds(30));
        }
        long start = System.nanoTime();
        for (int i = 0; i < measured; i++) {
            call.get().block(Duration.ofSeconds(30));
        }
        return (System.nanoTime() - start) / 1_000.0 / measured;
    }

}
