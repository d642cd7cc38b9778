package io.stockradar.agent.config;

import io.stockradar.common.health.DependencyHealthProperties;
import io.stockradar.common.health.DependencyMetrics;
import io.stockradar.common.health.KafkaHealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The dependencies in {@code stockradar.health.dependencies}, each a gauge {@value DependencyMetrics#METRIC}; the
 * readiness group says which are required. {@code kafka} is a health contributor here (Boot has none).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DependencyHealthProperties.class)
class DependencyHealthConfig {

    @Bean
    DependencyMetrics dependencyMetrics(HealthEndpoint health, HealthEndpointGroups groups,
            DependencyHealthProperties properties) {
        return new DependencyMetrics(health, groups, properties);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, DependencyHealthProperties properties) {
        return new KafkaHealthIndicator(admin.getConfigurationProperties(), properties.kafka());
    }
}
