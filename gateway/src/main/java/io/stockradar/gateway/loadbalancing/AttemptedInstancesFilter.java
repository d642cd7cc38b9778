package io.stockradar.gateway.loadbalancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs right after the load balancer picked an instance: remembers it in the exchange (so a retry of the
 * same request avoids it) and quarantines it when it refuses the connection.
 */
@Component
class AttemptedInstancesFilter implements GlobalFilter, Ordered {

    static final String ATTEMPTED_INSTANCES_ATTR = AttemptedInstancesFilter.class.getName() + ".attempted";

    private final UnreachableInstances unreachable;

    AttemptedInstancesFilter(UnreachableInstances unreachable) {
        this.unreachable = unreachable;
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Response<ServiceInstance> chosen = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        if (chosen == null || !chosen.hasServer()) {
            return chain.filter(exchange);
        }
        ServiceInstance instance = chosen.getServer();
        attempted(exchange).add(UnreachableInstances.key(instance));
        return chain.filter(exchange).doOnError(error -> {
            if (isConnectionRefused(error)) {
                unreachable.markUnreachable(instance);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Set<String> attempted(ServerWebExchange exchange) {
        return (Set<String>) exchange.getAttributes()
                .computeIfAbsent(ATTEMPTED_INSTANCES_ATTR, key -> ConcurrentHashMap.newKeySet());
    }

    private static boolean isConnectionRefused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
