package io.stockradar.gateway.loadbalancing;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverServiceInstanceListSupplierTest {

    private final ServiceInstance one = instance(9201);
    private final ServiceInstance two = instance(9202);
    private final ServiceInstance three = instance(9203);
    private final MutableClock clock = new MutableClock();
    private final UnreachableInstances unreachable = new UnreachableInstances(Duration.ofSeconds(10), clock);
    private final FailoverServiceInstanceListSupplier supplier =
            new FailoverServiceInstanceListSupplier(fixed(one, two, three), unreachable);

    @Test
    void aRetryNeverGetsAnInstanceTheRequestAlreadyTried() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(AttemptedInstancesFilter.ATTEMPTED_INSTANCES_ATTR,
                Set.of(UnreachableInstances.key(two), UnreachableInstances.key(three)));

        assertThat(supplier.get(request(attributes)).blockFirst()).containsExactly(one);
    }

    @Test
    void aFreshRequestGetsEveryHealthyInstance() {
        assertThat(supplier.get(request(new HashMap<>())).blockFirst()).containsExactly(one, two, three);
    }

    @Test
    void anInstanceThatRefusedAConnectionIsSkippedUntilItsQuarantineEnds() {
        unreachable.markUnreachable(two);
        assertThat(supplier.get(request(new HashMap<>())).blockFirst()).containsExactly(one, three);

        clock.advance(Duration.ofSeconds(11));
        assertThat(supplier.get(request(new HashMap<>())).blockFirst()).containsExactly(one, two, three);
    }

    @Test
    void quarantineNeverEmptiesTheList() {
        unreachable.markUnreachable(one);
        unreachable.markUnreachable(two);
        unreachable.markUnreachable(three);

        assertThat(supplier.narrow(List.of(one, two, three), Set.of(UnreachableInstances.key(one))))
                .as("untried instances, even quarantined, beat a 503")
                .containsExactly(two, three);
        assertThat(supplier.narrow(List.of(one, two, three), Set.of(
                UnreachableInstances.key(one), UnreachableInstances.key(two), UnreachableInstances.key(three))))
                .containsExactly(one, two, three);
    }

    private static DefaultRequest<RequestDataContext> request(Map<String, Object> attributes) {
        RequestData data = new RequestData(HttpMethod.GET, URI.create("http://agent-service/api/analysis/AAPL"),
                new HttpHeaders(), null, attributes);
        return new DefaultRequest<>(new RequestDataContext(data));
    }

    private static ServiceInstance instance(int port) {
        return new DefaultServiceInstance("agent-service-" + port, "agent-service", "localhost", port, false);
    }

    private static ServiceInstanceListSupplier fixed(ServiceInstance... instances) {
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return "agent-service";
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return Flux.just(List.of(instances));
            }
        };
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
