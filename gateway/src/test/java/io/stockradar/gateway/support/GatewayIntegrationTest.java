package io.stockradar.gateway.support;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import io.stockradar.testsupport.SharedInfrastructure;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway, started for real on a random port, in front of real HTTP servers playing each service's
 * instances and auth-service's JWKS. All integration tests share this one context (and these servers).
 *
 * <p>Rate limiting and the revoked-token check use the JVM's shared real Redis ({@link SharedInfrastructure}).
 *
 * <p>Timing in tests: market-data-service is health-checked every 250 ms (the health-check tests need
 * it); the other services only at startup, so the retry tests see a failing instance that the load
 * balancer still lists, exactly the window between two probes in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "15s")
// Rate limits far above what any test sends, so only the rate-limit tests (with their own limits) meet them.
@TestPropertySource(properties = {
        "stockradar.rate-limits.auth.replenish-rate=1000", "stockradar.rate-limits.auth.burst-capacity=1000",
        "stockradar.rate-limits.api.replenish-rate=1000", "stockradar.rate-limits.api.burst-capacity=1000",
        "stockradar.rate-limits.screener-runs.replenish-rate=1000", "stockradar.rate-limits.screener-runs.burst-capacity=1000",
        "stockradar.rate-limits.screener-runs.requested-tokens=1",
        // Every test sends from 127.0.0.1, many with bad credentials on purpose: FailedAuthenticationLimitIntegrationTests
        // turns this limit on in a context of its own.
        "stockradar.security.failed-authentication.limit=0",
        // The actuator on a random port of its own, as in production on a fixed one (MANAGEMENT_PORT).
        "management.server.port=0"})
public abstract class GatewayIntegrationTest {

    protected static final TestTokens TOKENS = new TestTokens();

    protected static final Backend AUTH = new Backend("auth-service:1");
    protected static final Backend MARKET_1 = new Backend("market-data-service:1");
    protected static final Backend MARKET_2 = new Backend("market-data-service:2");
    protected static final Backend AGENT_1 = new Backend("agent-service:1");
    protected static final Backend AGENT_2 = new Backend("agent-service:2");
    protected static final Backend HISTORY_1 = new Backend("history-service:1");
    protected static final Backend HISTORY_2 = new Backend("history-service:2");
    protected static final List<Backend> ALL = List.of(AUTH, MARKET_1, MARKET_2, AGENT_1, AGENT_2, HISTORY_1, HISTORY_2);
    /** auth-service's token and API-key exchange endpoints, on the auth-service instance. */
    protected static final FakeAuthService AUTH_SERVER = new FakeAuthService(AUTH, TOKENS);

    protected static final AtomicInteger JWKS_REQUESTS = new AtomicInteger();
    /** The shortest time between two JWKS fetches, in every integration test. */
    protected static final Duration JWKS_MIN_REFRESH = Duration.ofSeconds(2);
    /** Status the JWKS endpoint answers with; 200 serves the keys. */
    protected static final AtomicInteger JWKS_STATUS = new AtomicInteger(200);
    private static final MockWebServer JWKS = jwksServer();

    @Autowired
    protected WebTestClient client;

    @LocalManagementPort
    private int managementPort;

    /** The actuator's own port: health, probes and scraping, never on the public port. */
    protected WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort)
                .responseTimeout(Duration.ofSeconds(15)).build();
    }

    @DynamicPropertySource
    static void gatewayInFrontOfTestServers(DynamicPropertyRegistry registry) {
        SharedInfrastructure.redis().register(registry);
        instances(registry, "auth-service", AUTH);
        instances(registry, "market-data-service", MARKET_1, MARKET_2);
        instances(registry, "agent-service", AGENT_1, AGENT_2);
        instances(registry, "history-service", HISTORY_1, HISTORY_2);
        registry.add("stockradar.security.jwt.jwk-set-uri", () -> JWKS.url("/.well-known/jwks.json").toString());
        registry.add("stockradar.security.jwt.issuer", () -> TestTokens.ISSUER);
        registry.add("stockradar.security.jwt.jwks-min-refresh", () -> JWKS_MIN_REFRESH.toMillis() + "ms");
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "1h");
        registry.add("spring.cloud.loadbalancer.clients.market-data-service.health-check.interval", () -> "250ms");
        registry.add("stockradar.gateway.unreachable-quarantine", () -> "1s");
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1500ms");
        registry.add("management.tracing.sampling.probability", () -> "0.0");
        registry.add("stockradar.security.api-keys.client-secret", () -> FakeAuthService.CLIENT_SECRET);
    }

    private static void instances(DynamicPropertyRegistry registry, String service, Backend... backends) {
        for (int i = 0; i < backends.length; i++) {
            Backend backend = backends[i];
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[" + i + "].uri", backend::uri);
        }
    }

    @BeforeEach
    @AfterEach
    void resetBackends() {
        ALL.forEach(Backend::reset);
        AUTH_SERVER.reset();
        JWKS_STATUS.set(200);
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    protected static long apiCalls(Backend... backends) {
        long n = 0;
        for (Backend backend : backends) {
            n += backend.requests().size();
        }
        return n;
    }

    private static MockWebServer jwksServer() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                JWKS_REQUESTS.incrementAndGet();
                if (JWKS_STATUS.get() != 200) {
                    return new MockResponse.Builder().code(JWKS_STATUS.get()).body("down").build();
                }
                return new MockResponse.Builder().code(200)
                        .setHeader("Content-Type", "application/json")
                        .body(TOKENS.jwks())
                        .build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }
}
