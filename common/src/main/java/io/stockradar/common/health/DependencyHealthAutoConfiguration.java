package io.stockradar.common.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The same in every service: each dependency in {@code stockradar.health.dependencies} becomes a gauge
 * {@value DependencyMetrics#METRIC} (the readiness group says which are required), and a service with Kafka gets a
 * {@code kafka} health contributor (Boot has none). One auto-configuration instead of a copy per service.
 */
@AutoConfiguration(after = HealthEndpointAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration") // its KafkaAdmin is asked for below
@ConditionalOnClass(HealthEndpoint.class)
@EnableConfigurationProperties(DependencyHealthProperties.class)
public class DependencyHealthAutoConfiguration {

    @Bean
    @ConditionalOnBean({HealthEndpoint.class, HealthEndpointGroups.class})
    DependencyMetrics dependencyMetrics(HealthEndpoint health, HealthEndpointGroups groups,
            DependencyHealthProperties properties) {
        return new DependencyMetrics(health, groups, properties);
    }

    /** Only where the service has a {@link KafkaAdmin}: its connection settings are the health check's. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaAdmin.class)
    static class Kafka {

        @Bean
        @ConditionalOnBean(KafkaAdmin.class)
        KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, DependencyHealthProperties properties) {
            return new KafkaHealthIndicator(admin.getConfigurationProperties(), properties.kafka());
        }
    }
}
