package io.stockradar.agent.config;

import io.stockradar.agent.engine.EngineSettings;
import io.stockradar.agent.engine.ScreenerEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pure five-agent engine, configured from {@code stockradar.engine.*}. */
@Configuration(proxyBeanMethods = false)
class EngineConfig {

    @Bean
    EngineSettings engineSettings(EngineProperties properties) {
        return properties.toSettings();
    }

    @Bean
    ScreenerEngine screenerEngine(EngineSettings settings) {
        return new ScreenerEngine(settings);
    }
}
