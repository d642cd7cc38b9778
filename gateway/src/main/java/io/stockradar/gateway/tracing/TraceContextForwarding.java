package io.stockradar.gateway.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.util.context.ContextView;

/**
 * Passes the trace on to the service a request is routed to: the context of the gateway's server span
 * ({@code http.server.requests}) goes out as {@code traceparent} (and baggage), so the service's spans join
 * the same trace.
 *
 * <p>Spring Cloud Gateway's own observation of the proxied call does this too, but it also starts a second
 * span and a second timer per request, which measure what the server observation already measures; with it
 * off ({@code spring.cloud.gateway.server.webflux.observability.enabled=false}) that work is saved
 * (bench/edge/README.md), and the per-route figures come from the {@code route} tag of
 * {@code http.server.requests} ({@link RouteTaggingServerRequestObservationConvention}).
 */
class TraceContextForwarding implements HttpHeadersFilter, Ordered {

    private final Propagator propagator;

    TraceContextForwarding(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Span span = serverSpan(exchange);
        if (span == null) {
            return input;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        for (String field : propagator.fields()) {
            headers.remove(field); // whatever the client sent is replaced by the gateway's own context
        }
        propagator.inject(span.context(), headers, HttpHeaders::set);
        return headers;
    }

    /** The span of the request's server observation, from the Reactor context the gateway keeps with the exchange. */
    static Span serverSpan(ServerWebExchange exchange) {
        ContextView context = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REACTOR_CONTEXT_ATTR);
        Observation observation = context == null ? null : context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (observation == null) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing =
                observation.getContextView().get(TracingObservationHandler.TracingContext.class);
        return tracing == null ? null : tracing.getSpan();
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
