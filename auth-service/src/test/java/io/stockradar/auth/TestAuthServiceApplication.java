package io.stockradar.auth;

import io.stockradar.testsupport.Postgres;
import io.stockradar.testsupport.SharedInfrastructure;
import org.springframework.boot.SpringApplication;

/**
 * Starts auth-service for local poking with a real PostgreSQL (embedded, or a container where Docker
 * runs) holding database {@code auth}, Redis (login throttling) and Kafka (outbox relay). Port {@code PORT}
 * or 9000; a DEV-ONLY signing key is generated.
 */
public class TestAuthServiceApplication {

    public static void main(String[] args) {
        Postgres postgres = SharedInfrastructure.postgres();
        postgres.createDatabase("auth");
        // System properties outrank application.yml; command-line arguments still outrank them.
        System.setProperty("spring.datasource.url", postgres.jdbcUrl("auth"));
        System.setProperty("spring.datasource.username", postgres.username());
        System.setProperty("spring.datasource.password", postgres.password());
        System.setProperty("spring.data.redis.host", SharedInfrastructure.redis().host());
        System.setProperty("spring.data.redis.port", Integer.toString(SharedInfrastructure.redis().port()));
        System.setProperty("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        SpringApplication.run(AuthServiceApplication.class, args);
    }
}
