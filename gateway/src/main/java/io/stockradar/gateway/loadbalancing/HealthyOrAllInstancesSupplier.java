package io.stockradar.gateway.loadbalancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * The health-checked instances, or, when the health checks leave none, every discovered instance
 * (Envoy's "panic mode"). A service whose only instance is slow to answer its readiness probe under
 * load (auth-service hashing passwords, say) would otherwise be switched off completely for a probe
 * interval, turning a slow service into a total outage. Instances that refuse connections are still
 * avoided per request by {@link FailoverServiceInstanceListSupplier} and the Retry filter.
 */
class HealthyOrAllInstancesSupplier extends DelegatingServiceInstanceListSupplier {

    private final ServiceInstanceListSupplier discovered;

    HealthyOrAllInstancesSupplier(ServiceInstanceListSupplier healthChecked, ServiceInstanceListSupplier discovered) {
        super(healthChecked);
        this.discovered = discovered;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.combineLatest(delegate.get(), discovered.get(), HealthyOrAllInstancesSupplier::choose);
    }

    static List<ServiceInstance> choose(List<ServiceInstance> healthy, List<ServiceInstance> all) {
        return healthy.isEmpty() ? all : healthy;
    }
}
