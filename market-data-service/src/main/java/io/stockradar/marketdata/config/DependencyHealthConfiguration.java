package io.stockradar.marketdata.config;

import io.stockradar.common.health.DependencyHealthProperties;
import io.stockradar.common.health.DependencyMetrics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dependencies in {@code stockradar.health.dependencies}, each a gauge {@value DependencyMetrics#METRIC}; the
 * readiness group says which are required.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DependencyHealthProperties.class)
class DependencyHealthConfiguration {

    @Bean
    DependencyMetrics dependencyMetrics(HealthEndpoint health, HealthEndpointGroups groups,
            DependencyHealthProperties properties) {
        return new DependencyMetrics(health, groups, properties);
    }
}
