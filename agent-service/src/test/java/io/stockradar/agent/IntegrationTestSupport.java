package io.stockradar.agent;

import io.stockradar.testsupport.SharedInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * Full application on a random port against real PostgreSQL (db {@code agent}) and a real Kafka broker
 * from test-support, with market-data-service replaced by {@link MarketDataStub} (real recorded data) and
 * real signed JWTs verified through the JWKS the stub serves. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTestSupport {

    protected static final MarketDataStub MARKET_DATA = new MarketDataStub();
    protected static final TestJwts JWTS = new TestJwts();

    /** A market-data "instance" that is down: every call the load balancer sends there must be retried. */
    protected static final int DEAD_INSTANCE_PORT = freePort();

    static {
        MARKET_DATA.jwks(JWTS.jwks());
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.postgres().register(registry, "agent");
        SharedInfrastructure.kafka().register(registry);
        SharedInfrastructure.redis().register(registry);
        // the build box is shared and loaded: a first connection may take longer than production's bound
        registry.add("spring.data.redis.timeout", () -> "3s");
        registry.add("spring.cloud.discovery.client.simple.instances.market-data-service[0].uri", MARKET_DATA::url);
        registry.add("spring.cloud.discovery.client.simple.instances.market-data-service[1].uri",
                () -> "http://localhost:" + DEAD_INSTANCE_PORT);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> MARKET_DATA.url() + "/.well-known/jwks.json");
        registry.add("stockradar.jwt.issuer", () -> TestJwts.ISSUER);
        // the service token for /internal/** comes from the stub's token endpoint (the stub refuses calls without it)
        registry.add("spring.security.oauth2.client.provider.stockradar.token-uri", () -> MARKET_DATA.url() + MarketDataStub.TOKEN_PATH);
        registry.add("spring.security.oauth2.client.registration.market-data.client-secret", () -> MarketDataStub.CLIENT_SECRET);
        registry.add("stockradar.outbox.poll-interval", () -> "200ms");
        registry.add("stockradar.outbox.initial-backoff", () -> "200ms");
        registry.add("stockradar.outbox.max-backoff", () -> "1s");
        registry.add("stockradar.screener.sse-poll-interval", () -> "100ms");
        registry.add("stockradar.screener.chunk-size", () -> "5");
        // small stream limits, reached with a few connections (ScreenerLimitsIntegrationTests)
        registry.add("stockradar.screener.limits.streams-per-run", () -> "2");
        registry.add("stockradar.screener.limits.streams-per-user", () -> "3");
        registry.add("stockradar.screener.chunk-retry-for", () -> "2s");
        // a market-data answer later than 2 s is retried (MarketDataFetchIntegrationTests); a fetch still failing
        // after 8 s fails its run
        registry.add("stockradar.market-data.read-timeout", () -> "2s");
        registry.add("stockradar.market-data.fetch-deadline", () -> "8s");
        // dead instances are noticed in seconds (RunTakeoverIntegrationTests)
        registry.add("stockradar.liveness.heartbeat-interval", () -> "250ms");
        registry.add("stockradar.liveness.stale-after", () -> "2s");
        // screens are precomputed only where a test asks for it (ScreenerPrecomputeIntegrationTests)
        registry.add("stockradar.precompute.on-startup", () -> "false");
        registry.add("stockradar.precompute.kr.cron", () -> "-");
        registry.add("stockradar.precompute.us.cron", () -> "-");
    }

    /** Polls the run (as {@code user}) until it is COMPLETED, FAILED or CANCELLED, for at most 90 s. */
    protected JsonNode awaitFinished(String runId, String user) {
        return await("run " + runId + " finished").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/screener/runs/" + runId, user).getBody(),
                        run -> Set.of("COMPLETED", "FAILED", "CANCELLED").contains(run.get("status").asString()));
    }

    protected RestClient api() {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {
                })
                .build();
    }

    protected ResponseEntity<JsonNode> get(String path, String user) {
        return api().get().uri(path).headers(h -> auth(h, user)).retrieve().toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> post(String path, String user, Object body) {
        return api().post().uri(path).headers(h -> auth(h, user)).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> delete(String path, String user) {
        return api().delete().uri(path).headers(h -> auth(h, user)).retrieve().toEntity(JsonNode.class);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void auth(HttpHeaders headers, String user) {
        if (user != null) {
            headers.setBearerAuth(JWTS.token(user));
        }
    }
}
