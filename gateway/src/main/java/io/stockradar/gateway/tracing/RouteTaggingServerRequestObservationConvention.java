package io.stockradar.gateway.tracing;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * {@code http.server.requests} with a {@code route} tag: the id of the gateway route that served the request
 * ({@code none} for the web UI, actuator and refused requests), ten values at most. Proxied requests have no
 * handler path pattern, so without it every routed call would share {@code uri=UNKNOWN}.
 */
class RouteTaggingServerRequestObservationConvention extends DefaultServerRequestObservationConvention {

    static final String ROUTE = "route";

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        return super.getLowCardinalityKeyValues(context).and(KeyValue.of(ROUTE, routeId(context)));
    }

    private static String routeId(ServerRequestObservationContext context) {
        Object route = context.getAttributes().get(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route instanceof Route r ? r.getId() : "none";
    }
}
