package io.stockradar.gateway.loadbalancing;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthyOrAllInstancesSupplierTest {

    private final ServiceInstance one = new DefaultServiceInstance("a-1", "a", "localhost", 9001, false);
    private final ServiceInstance two = new DefaultServiceInstance("a-2", "a", "localhost", 9002, false);

    @Test
    void prefersTheHealthyInstances() {
        assertThat(HealthyOrAllInstancesSupplier.choose(List.of(two), List.of(one, two))).containsExactly(two);
    }

    @Test
    void fallsBackToEveryDiscoveredInstanceWhenNoneIsHealthy() {
        assertThat(HealthyOrAllInstancesSupplier.choose(List.of(), List.of(one, two))).containsExactly(one, two);
    }
}
