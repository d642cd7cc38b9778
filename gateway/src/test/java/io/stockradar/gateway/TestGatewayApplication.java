package io.stockradar.gateway;

import org.springframework.boot.SpringApplication;

/**
 * Starts the gateway for local poking, in front of whatever runs on the default local ports
 * (auth 9000, market-data 9101/9102, agent 9201/9202, history 9301; see application.yml). The gateway
 * has no infrastructure of its own to embed; start the services (or the local stack) beside it.
 */
public class TestGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.from(GatewayApplication::main).run(args);
    }
}
