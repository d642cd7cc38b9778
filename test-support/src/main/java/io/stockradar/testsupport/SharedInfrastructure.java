package io.stockradar.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Real PostgreSQL 17, Redis and Kafka for integration tests, started once per JVM and shared by every
 * test class. Testcontainers when a Docker engine is reachable, otherwise embedded real servers from
 * Maven artifacts; tests don't know which. Force one with {@code -Dstockradar.test.infrastructure=embedded|containers}
 * (or the env var {@code STOCKRADAR_TEST_INFRASTRUCTURE}).
 */
public final class SharedInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);

    private static Postgres postgres;
    private static Redis redis;
    private static Kafka kafka;
    private static Boolean containers;

    private SharedInfrastructure() {
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            long start = System.nanoTime();
            if (useContainers()) {
                postgres = ContainerInfrastructure.postgres();
            } else {
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
                onShutdown(server::close);
                postgres = server;
            }
            log.info("PostgreSQL ready on port {} in {} ms", postgres.port(), (System.nanoTime() - start) / 1_000_000);
        }
        return postgres;
    }

    public static synchronized Redis redis() {
        if (redis == null) {
            if (useContainers()) {
                redis = ContainerInfrastructure.redis();
            } else {
                EmbeddedRedisServer server = EmbeddedRedisServer.start(0);
                onShutdown(server::close);
                redis = server;
            }
            log.info("Redis ready on port {}", redis.port());
        }
        return redis;
    }

    public static synchronized Kafka kafka() {
        if (kafka == null) {
            long start = System.nanoTime();
            if (useContainers()) {
                kafka = ContainerInfrastructure.kafka();
            } else {
                EmbeddedKafkaServer server = EmbeddedKafkaServer.start(0);
                onShutdown(server::close);
                kafka = server;
            }
            log.info("Kafka ready at {} in {} ms", kafka.bootstrapServers(), (System.nanoTime() - start) / 1_000_000);
        }
        return kafka;
    }

    /** Whether this JVM's servers come from Testcontainers (true) or embedded artifacts (false). */
    public static synchronized boolean useContainers() {
        if (containers == null) {
            String forced = System.getProperty("stockradar.test.infrastructure",
                    System.getenv().getOrDefault("STOCKRADAR_TEST_INFRASTRUCTURE", "auto")).toLowerCase(Locale.ROOT);
            containers = switch (forced) {
                case "embedded" -> false;
                case "containers" -> true;
                default -> ContainerInfrastructure.dockerAvailable();
            };
            log.info("Test infrastructure: {}", containers ? "Testcontainers" : "embedded servers");
        }
        return containers;
    }

    private static void onShutdown(Runnable action) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                // the JVM is exiting; nothing useful to do
            }
        }, "stop-test-infrastructure"));
    }
}
