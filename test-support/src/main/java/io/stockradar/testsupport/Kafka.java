package io.stockradar.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/** A running single-node Kafka (KRaft) broker; one per JVM. */
public interface Kafka {

    String bootstrapServers();

    /** Stops the broker, keeping its port, so producers and consumers see it unreachable. */
    void stop();

    /** Starts the broker again on the same port. Topics are recreated on demand (auto-create). */
    void start();

    boolean isRunning();

    default void register(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", this::bootstrapServers);
    }
}
