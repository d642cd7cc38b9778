package io.stockradar.gateway.loadbalancing;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HealthyOrAllInstancesSupplierTest {

    private final ServiceInstance one = new DefaultServiceInstance("a-1", "a", "localhost", 9001, false);
    private final ServiceInstance two = new DefaultServiceInstance("a-2", "a", "localhost", 9002, false);

    private final Sinks.Many<List<ServiceInstance>> healthChecks = Sinks.many().replay().latest();
    private final AtomicInteger discoveryCalls = new AtomicInteger();
    private final HealthyOrAllInstancesSupplier supplier = new HealthyOrAllInstancesSupplier(
            supplier(healthChecks.asFlux()),
            supplier(Flux.defer(() -> {
                discoveryCalls.incrementAndGet();
                return Flux.just(List.of(one, two));
            })));

    @Test
    void prefersTheHealthyInstances() {
        assertThat(HealthyOrAllInstancesSupplier.choose(List.of(two), List.of(one, two))).containsExactly(two);
    }

    @Test
    void fallsBackToEveryDiscoveredInstanceWhenNoneIsHealthy() {
        assertThat(HealthyOrAllInstancesSupplier.choose(List.of(), List.of(one, two))).containsExactly(one, two);
    }

    @Test
    void asksDiscoveryOnceNotOncePerRequest() {
        healthChecks.tryEmitNext(List.of(one, two));
        supplier.follow();

        for (int request = 0; request < 100; request++) {
            assertThat(supplier.get().blockFirst()).containsExactly(one, two);
        }
        assertThat(discoveryCalls).hasValue(1);
    }

    @Test
    void everyRequestSeesTheLatestHealthChecks() {
        healthChecks.tryEmitNext(List.of(one, two));
        supplier.follow();

        healthChecks.tryEmitNext(List.of(two));
        assertThat(supplier.get().blockFirst()).containsExactly(two);

        healthChecks.tryEmitNext(List.of());
        assertThat(supplier.get().blockFirst()).containsExactly(one, two);
    }

    @Test
    void combinesBothListsItselfUntilTheHealthChecksHaveAnswered() {
        supplier.follow();
        var answer = supplier.get().next().toFuture();

        healthChecks.tryEmitNext(List.of(one));
        assertThat(answer.join()).containsExactly(one);
    }

    private static ServiceInstanceListSupplier supplier(Flux<List<ServiceInstance>> instances) {
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return "a";
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return instances;
            }
        };
    }
}
