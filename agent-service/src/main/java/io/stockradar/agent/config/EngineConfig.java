package io.stockradar.agent.config;

import io.stockradar.agent.engine.ScreenerEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pure five-agent engine, configured from {@code stockradar.engine.*}. */
@Configuration(proxyBeanMethods = false)
class EngineConfig {

    @Bean
    ScreenerEngine screenerEngine(EngineProperties properties) {
        return new ScreenerEngine(properties.toSettings());
    }
}
