package io.stockradar.gateway.tracing;

import io.micrometer.tracing.propagation.Propagator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;

/** One observation per request at the edge, and its trace context passed on to the routed service. */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    TraceContextForwarding traceContextForwarding(Propagator propagator) {
        return new TraceContextForwarding(propagator);
    }

    @Bean
    ServerRequestObservationConvention routeTaggingServerRequestObservationConvention() {
        return new RouteTaggingServerRequestObservationConvention();
    }
}
