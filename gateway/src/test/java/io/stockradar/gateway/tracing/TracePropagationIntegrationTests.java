package io.stockradar.gateway.tracing;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routed service joins the gateway's trace: it receives a {@code traceparent} with the trace id the request
 * came in with and the gateway's own span as parent, without the gateway observing the proxied call a second
 * time; and {@code http.server.requests} says which route served each request.
 */
class TracePropagationIntegrationTests extends GatewayIntegrationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";

    @Autowired
    MeterRegistry meters;

    @Test
    void theRoutedServiceGetsTheSameTraceWithTheGatewaysSpanAsParent() {
        client.get().uri("/api/market/quote/AAPL")
                .header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.valid()))
                .header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01")
                .exchange()
                .expectStatus().isOk();

        List<RecordedRequest> seen = List.of(MARKET_1, MARKET_2).stream().flatMap(b -> b.requests().stream()).toList();
        assertThat(seen).hasSize(1);
        String traceparent = seen.getFirst().getHeaders().get("traceparent");
        assertThat(traceparent).as("forwarded trace context").isNotNull();
        String[] parts = traceparent.split("-");
        assertThat(parts[1]).isEqualTo(TRACE_ID);
        assertThat(parts[2]).as("the gateway's span, not the client's").isNotEqualTo(CLIENT_SPAN_ID).hasSize(16);
        assertThat(seen.getFirst().getHeaders().values("traceparent")).as("one context, not the client's too").hasSize(1);
    }

    @Test
    void serverRequestsAreTaggedWithTheirRoute() {
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.valid())).exchange()
                .expectStatus().isOk();

        assertThat(meters.find("http.server.requests").tag("route", "history").timer())
                .as("http.server.requests{route=history}").isNotNull();
        assertThat(meters.find("spring.cloud.gateway.requests").timer())
                .as("no second timer per proxied call").isNull();
    }
}
