package io.stockradar.gateway.loadbalancing;

import io.netty.channel.ChannelOption;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import java.time.Duration;

/**
 * The instance list of one load-balanced service, built in its own load-balancer child context (so this
 * class is deliberately not a {@code @Configuration} picked up by component scanning).
 *
 * <p>Health checks are on for every service (the LoadBalancer default is off, and when on it probes
 * only every 25 s): interval and path come from {@code spring.cloud.loadbalancer.health-check.*}. The
 * health-check supplier keeps its own live list, so no instance cache sits in front of it (the default
 * cache would keep a dead instance for up to its 35 s TTL). When every instance fails its health check
 * the gateway still tries them all ({@link HealthyOrAllInstancesSupplier}) rather than answer 503 itself.
 */
class InstanceSupplierConfiguration {

    private static final Duration HEALTH_CHECK_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration HEALTH_CHECK_RESPONSE_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(ConfigurableApplicationContext context) {
        UnreachableInstances unreachable = context.getBean(UnreachableInstances.class);
        ServiceInstanceListSupplier discovered = ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .build(context);
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withHealthChecks(healthCheckClient())
                .with((ctx, healthChecked) -> new HealthyOrAllInstancesSupplier(healthChecked, discovered))
                .with((ctx, delegate) -> new FailoverServiceInstanceListSupplier(delegate, unreachable))
                .build(context);
    }

    private static WebClient healthCheckClient() {
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) HEALTH_CHECK_CONNECT_TIMEOUT.toMillis())
                .responseTimeout(HEALTH_CHECK_RESPONSE_TIMEOUT);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
    }
}
