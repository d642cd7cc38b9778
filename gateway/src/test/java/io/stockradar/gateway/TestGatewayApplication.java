package io.stockradar.gateway;

import io.stockradar.testsupport.SharedInfrastructure;
import org.springframework.boot.SpringApplication;

/**
 * Starts the gateway for local poking, in front of whatever runs on the default local ports
 * (auth 9000, market-data 9101/9102, agent 9201/9202, history 9301; see application.yml), with a real Redis
 * of its own (embedded, or a container where Docker runs) for rate limits and the revoked-token check. Start
 * the services (or the local stack) beside it.
 */
public class TestGatewayApplication {

    public static void main(String[] args) {
        // System properties outrank application.yml; command-line arguments still outrank them.
        System.setProperty("spring.data.redis.host", SharedInfrastructure.redis().host());
        System.setProperty("spring.data.redis.port", Integer.toString(SharedInfrastructure.redis().port()));
        SpringApplication.from(GatewayApplication::main).run(args);
    }
}
