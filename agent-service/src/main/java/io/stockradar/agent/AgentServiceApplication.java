package io.stockradar.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The five-agent screener: market regime, sector ranking, per-stock analysis and async screener runs. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AgentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AgentServiceApplication.class, args);
    }
}
