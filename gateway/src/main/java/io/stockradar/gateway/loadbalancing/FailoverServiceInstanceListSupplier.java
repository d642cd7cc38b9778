package io.stockradar.gateway.loadbalancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Narrows the healthy instances for one request: never the instances this request already tried (so a
 * retry goes to a DIFFERENT instance), and none that is in quarantine after refusing a connection.
 *
 * <p>Spring Cloud LoadBalancer's own {@code RetryAwareServiceInstanceListSupplier}
 * ({@code spring.cloud.loadbalancer.retry.avoid-previous-instance}) only works with a
 * {@code RetryableRequestContext}, which the gateway's load-balancer filter never creates; with it the
 * gateway's Retry filter just asks round robin again and may land on the same dead instance
 * (spring-cloud-gateway#1371, #3045). The gateway passes the exchange attributes in the request context,
 * and {@link AttemptedInstancesFilter} records each chosen instance there.
 *
 * <p>If filtering would leave nothing, it falls back to the untried instances, then to all of them:
 * a quarantine must never turn a working route into a 503.
 */
class FailoverServiceInstanceListSupplier extends DelegatingServiceInstanceListSupplier {

    private final UnreachableInstances unreachable;

    FailoverServiceInstanceListSupplier(ServiceInstanceListSupplier delegate, UnreachableInstances unreachable) {
        super(delegate);
        this.unreachable = unreachable;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return delegate.get().map(instances -> narrow(instances, Set.of()));
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        Set<String> attempted = attempted(request);
        return delegate.get(request).map(instances -> narrow(instances, attempted));
    }

    List<ServiceInstance> narrow(List<ServiceInstance> instances, Set<String> attempted) {
        if (attempted.isEmpty() && !unreachable.anyQuarantined()) {
            return instances; // a first attempt while every instance is reachable: the common case, no copies
        }
        List<ServiceInstance> untried = instances.stream()
                .filter(instance -> !attempted.contains(UnreachableInstances.key(instance)))
                .toList();
        List<ServiceInstance> preferred = untried.stream()
                .filter(instance -> !unreachable.isQuarantined(instance))
                .toList();
        if (!preferred.isEmpty()) {
            return preferred;
        }
        return untried.isEmpty() ? instances : untried;
    }

    private static Set<String> attempted(Request<?> request) {
        if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null) {
            Map<String, Object> attributes = context.getClientRequest().getAttributes();
            if (attributes != null && attributes.get(AttemptedInstancesFilter.ATTEMPTED_INSTANCES_ATTR) instanceof Set<?> set) {
                @SuppressWarnings("unchecked")
                Set<String> keys = (Set<String>) set;
                return keys;
            }
        }
        return Set.of();
    }
}
