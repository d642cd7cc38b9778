package io.stockradar.common.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.Status;

import java.util.List;

/**
 * One gauge per dependency, {@value #METRIC}{@code {dependency, required}}: 1 while its health contributor is UP,
 * else 0. {@code required="true"} for the dependencies in the readiness group (an outage takes the instance out of
 * rotation), {@code "false"} for those the service degrades without, which only this gauge and
 * {@code /actuator/health} show. Each scrape asks the contributors themselves, through the health endpoint, so the
 * gauge never disagrees with {@code /actuator/health} for longer than a scrape.
 */
public final class DependencyMetrics implements MeterBinder {

    public static final String METRIC = "stockradar.dependency.up";

    private final HealthEndpoint health;
    private final HealthEndpointGroups groups;
    private final List<String> dependencies;

    public DependencyMetrics(HealthEndpoint health, HealthEndpointGroups groups, DependencyHealthProperties properties) {
        this.health = health;
        this.groups = groups;
        this.dependencies = properties.dependencies();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        HealthEndpointGroup readiness = groups.get("readiness");
        for (String dependency : dependencies) {
            boolean required = readiness != null && readiness.isMember(dependency);
            Gauge.builder(METRIC, () -> up(dependency))
                    .description("1 while the dependency's health is UP, else 0; required: part of readiness")
                    .tag("dependency", dependency)
                    .tag("required", Boolean.toString(required))
                    .register(registry);
        }
    }

    /** 0 for a dependency without a health contributor too: a misnamed dependency shows as down, not as absent. */
    private double up(String dependency) {
        try {
            HealthDescriptor descriptor = health.healthForPath(dependency);
            return descriptor != null && Status.UP.equals(descriptor.getStatus()) ? 1 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
