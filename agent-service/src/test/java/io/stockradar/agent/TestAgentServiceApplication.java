package io.stockradar.agent;

import io.stockradar.testsupport.SharedInfrastructure;
import org.springframework.boot.SpringApplication;

/**
 * Starts agent-service locally with real embedded PostgreSQL and Kafka (test-support). Market data comes
 * from {@code MARKET_DATA_URL} if set (a running market-data-service), otherwise from {@link MarketDataStub}
 * serving the bundled real KRX slice (and the service token: otherwise {@code AUTH_TOKEN_URI} and
 * {@code MARKET_DATA_CLIENT_SECRET} must point at auth-service). JWTs are verified against {@code AUTH_JWKS_URI} (auth-service).
 * Run: {@code ./mvnw -pl agent-service spring-boot:test-run} or this main from the IDE.
 */
public class TestAgentServiceApplication {

    public static void main(String[] args) {
        var postgres = SharedInfrastructure.postgres();
        postgres.createDatabase("agent");
        System.setProperty("spring.datasource.url", postgres.jdbcUrl("agent"));
        System.setProperty("spring.datasource.username", postgres.username());
        System.setProperty("spring.datasource.password", postgres.password());
        System.setProperty("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        if (System.getenv("MARKET_DATA_URL") == null) {
            MarketDataStub stub = new MarketDataStub();
            System.setProperty("spring.cloud.discovery.client.simple.instances.market-data-service[0].uri", stub.url());
            System.setProperty("spring.security.oauth2.client.provider.stockradar.token-uri", stub.url() + MarketDataStub.TOKEN_PATH);
            System.setProperty("spring.security.oauth2.client.registration.market-data.client-secret", MarketDataStub.CLIENT_SECRET);
        }
        SpringApplication.run(AgentServiceApplication.class, args);
    }
}
