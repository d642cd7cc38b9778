package io.stockradar.history;

import io.stockradar.testsupport.SharedInfrastructure;
import org.springframework.boot.SpringApplication;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs history-service locally on real embedded PostgreSQL and Kafka (or containers where Docker is
 * available): {@code ./mvnw -pl history-service spring-boot:test-run}. Tokens are checked against
 * {@code AUTH_JWKS_URI} as in production, so start auth-service too, or call only the public endpoints.
 */
public class TestHistoryServiceApplication {

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>();
        DynamicPropertyRegistry registry = (name, value) -> arguments.add("--" + name + "=" + value.get());
        SharedInfrastructure.postgres().register(registry, "history");
        SharedInfrastructure.kafka().register(registry);
        // the caller's own arguments come last and win
        arguments.addAll(List.of(args));
        SpringApplication.from(HistoryServiceApplication::main).run(arguments.toArray(String[]::new));
    }
}
