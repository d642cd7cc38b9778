package io.stockradar.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/** A running Redis server; one per JVM. {@link #stop()} and {@link #start()} simulate an outage. */
public interface Redis {

    String host();

    int port();

    /** Stops the server, keeping its port, so clients see connection failures. */
    void stop();

    /** Starts the server again on the same port (empty: an outage loses the cache, as a restart would). */
    void start();

    boolean isRunning();

    default void register(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", this::host);
        registry.add("spring.data.redis.port", this::port);
    }
}
