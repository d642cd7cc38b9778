package io.stockradar.gateway.loadbalancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * Every service the gateway balances over gets {@link InstanceSupplierConfiguration}: discovery, active
 * health checks, then {@link FailoverServiceInstanceListSupplier}. Round robin stays the default
 * load balancer.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = InstanceSupplierConfiguration.class)
class LoadBalancingConfiguration {
}
