package io.stockradar.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whose bucket a request draws from: {@code user:<sub>} when it carries a valid access token (an API key counts
 * as its owner, since the gateway turns it into the owner's token), {@code ip:<client address>} otherwise
 * (sign-in, sign-up, public documents). A user's requests share one bucket whatever address they come from, and
 * one address's anonymous requests share another.
 */
class RateLimitKeyResolver implements KeyResolver {

    private final ClientAddresses clientAddresses;

    RateLimitKeyResolver(ClientAddresses clientAddresses) {
        this.clientAddresses = clientAddresses;
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> "user:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientAddresses.of(exchange)));
    }
}
