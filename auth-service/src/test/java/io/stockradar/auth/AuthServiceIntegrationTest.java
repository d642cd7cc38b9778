package io.stockradar.auth;

import io.stockradar.testsupport.SharedInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/**
 * Base of the {@code *IntegrationTests}: the whole service on a random port against a real PostgreSQL
 * (database {@code auth}), spoken to over real HTTP. All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AuthServiceIntegrationTest {

    public static final String ISSUER = "http://issuer.test:8080";
    public static final String ADMIN_USERNAME = "root-admin";
    public static final String ADMIN_PASSWORD = "test-only-admin-passphrase-5";
    public static final String CLIENT_ID = "test-service";
    public static final String CLIENT_SECRET = "test-only-client-secret-6f1c0d9a2b";
    private static final String CLIENT_SECRET_HASH =
            new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(10).encode(CLIENT_SECRET);
    /** The gateway's client: may exchange API keys. */
    public static final String GATEWAY_CLIENT_ID = "gateway";
    public static final String GATEWAY_CLIENT_SECRET = "test-only-gateway-secret-9b2e7c41";
    private static final String GATEWAY_SECRET_HASH =
            new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(10).encode(GATEWAY_CLIENT_SECRET);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.postgres().register(registry, "auth");
        SharedInfrastructure.redis().register(registry);
        SharedInfrastructure.kafka().register(registry);
        registry.add("stockradar.jwt.issuer", () -> ISSUER);
        // The timing test signs in with 7 wrong passwords in a row: the account policy starts delaying after 8.
        registry.add("stockradar.login-throttle.account.free-failures", () -> "8");
        registry.add("stockradar.login-throttle.account.lock-after", () -> "12");
        // a small per-address policy keeps the address-throttling test short
        registry.add("stockradar.login-throttle.ip.free-failures", () -> "20");
        registry.add("stockradar.login-throttle.ip.lock-after", () -> "100");
        // The configured administrator (test-only credentials).
        registry.add("stockradar.admin.username", () -> ADMIN_USERNAME);
        registry.add("stockradar.admin.email", () -> ADMIN_USERNAME + "@stockradar.test");
        registry.add("stockradar.admin.password", () -> ADMIN_PASSWORD);
        // A service client: only the hash of its (test-only) secret is configured.
        registry.add("stockradar.clients." + CLIENT_ID + ".secret-hash", () -> CLIENT_SECRET_HASH);
        registry.add("stockradar.clients." + CLIENT_ID + ".scopes", () -> "market:read,history:write");
        registry.add("stockradar.clients." + GATEWAY_CLIENT_ID + ".secret-hash", () -> GATEWAY_SECRET_HASH);
        registry.add("stockradar.clients." + GATEWAY_CLIENT_ID + ".scopes", () -> "apikey:exchange");
        // Outage tests: Redis is tried again 1 s after a failure.
        registry.add("stockradar.login-throttle.redis-retry-interval", () -> "1s");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected AuthApi api() {
        return new AuthApi(port);
    }

    /** A username no other test uses (test data stays in the shared database). */
    protected static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    protected long accountCount() {
        return jdbc.sql("select count(*) from account").query(Long.class).single();
    }

    protected long refreshTokenCount() {
        return jdbc.sql("select count(*) from refresh_token").query(Long.class).single();
    }
}
