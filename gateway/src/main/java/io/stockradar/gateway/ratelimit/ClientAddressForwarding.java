package io.stockradar.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services who the client is: {@code X-Forwarded-For: <client address>} ({@link ClientAddresses}) on
 * every proxied request, replacing whatever the client sent. auth-service trusts this header from the gateway
 * (a private address) for its per-address login throttling; without it every sign-in would seem to come from
 * the gateway, and with the client's own header passed through a client could pick any address.
 *
 * <p>Runs after Spring Cloud Gateway's own forwarded-header filters (order 0), which drop the client's
 * {@code X-Forwarded-*} headers while {@code spring.cloud.gateway.server.webflux.trusted-proxies} is unset.
 */
class ClientAddressForwarding implements HttpHeadersFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final ClientAddresses clientAddresses;

    ClientAddressForwarding(ClientAddresses clientAddresses) {
        this.clientAddresses = clientAddresses;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.set(X_FORWARDED_FOR, clientAddresses.of(exchange));
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
