package io.stockradar.history;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * history-service: records every finished screener run from {@code stockradar.analysis-completed.v1}
 * into PostgreSQL and serves each user their own analysis history.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HistoryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(HistoryServiceApplication.class, args);
    }
}
