package io.stockradar.common.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code stockradar.health.*}, the same in every service.
 *
 * @param dependencies the health contributors that are this service's dependencies (e.g. {@code db, redis, kafka}),
 *                     each exported as {@value DependencyMetrics#METRIC}; whether one is required is decided by the
 *                     readiness group ({@code management.endpoint.health.group.readiness.include}), not here
 * @param kafka        the broker check of {@link KafkaHealthIndicator}
 */
@ConfigurationProperties("stockradar.health")
public record DependencyHealthProperties(List<String> dependencies, @DefaultValue Kafka kafka) {

    public DependencyHealthProperties {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /**
     * @param timeout  longest a check waits for the broker (default 2 s), below the probes' 3 s timeout
     * @param reuseFor a check's verdict is reused this long (default 5 s), so probes and scrapes cost at most one
     *                 request to the broker per period
     */
    public record Kafka(Duration timeout, Duration reuseFor) {

        public Kafka {
            timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
            reuseFor = reuseFor == null ? Duration.ofSeconds(5) : reuseFor;
            if (!timeout.isPositive() || reuseFor.isNegative()) {
                throw new IllegalArgumentException("stockradar.health.kafka: timeout must be positive, reuse-for not negative");
            }
        }
    }
}
