package io.stockradar.gateway.loadbalancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * The health-checked instances, or, when the health checks leave none, every discovered instance
 * (Envoy's "panic mode"). A service whose only instance is slow to answer its readiness probe under
 * load (auth-service hashing passwords, say) would otherwise be switched off completely for a probe
 * interval, turning a slow service into a total outage. Instances that refuse connections are still
 * avoided per request by {@link FailoverServiceInstanceListSupplier} and the Retry filter.
 *
 * <p>Both lists are followed by one subscription each, started with the health checks, and every request
 * reads the latest of them, instead of combining the two publishers (and asking discovery again) per request
 * (bench/edge/README.md). Until both have answered once, a request combines them itself.
 */
class HealthyOrAllInstancesSupplier extends DelegatingServiceInstanceListSupplier {

    private final ServiceInstanceListSupplier discovered;
    private final Disposable.Composite subscriptions = Disposables.composite();
    private volatile List<ServiceInstance> latestHealthy;
    private volatile List<ServiceInstance> latestDiscovered;

    HealthyOrAllInstancesSupplier(ServiceInstanceListSupplier healthChecked, ServiceInstanceListSupplier discovered) {
        super(healthChecked);
        this.discovered = discovered;
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        super.afterPropertiesSet(); // starts the health checks
        follow();
    }

    /** Keeps the latest health-checked and discovered lists; a failed publisher leaves its last list in place. */
    void follow() {
        subscriptions.add(delegate.get().subscribe(list -> latestHealthy = list, error -> { }));
        subscriptions.add(discovered.get().subscribe(list -> latestDiscovered = list, error -> { }));
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        List<ServiceInstance> healthy = latestHealthy;
        List<ServiceInstance> all = latestDiscovered;
        if (healthy != null && all != null) {
            return Flux.just(choose(healthy, all));
        }
        return Flux.combineLatest(delegate.get(), discovered.get(), HealthyOrAllInstancesSupplier::choose);
    }

    @Override
    public void destroy() throws Exception {
        subscriptions.dispose();
        super.destroy();
    }

    static List<ServiceInstance> choose(List<ServiceInstance> healthy, List<ServiceInstance> all) {
        return healthy.isEmpty() ? all : healthy;
    }
}
