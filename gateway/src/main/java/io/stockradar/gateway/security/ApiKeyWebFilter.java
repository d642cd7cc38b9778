package io.stockradar.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.problem.ProblemCode;
import io.stockradar.gateway.error.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code X-API-Key: <key>} on {@code /api/**} without an {@code Authorization} header: the key is exchanged at
 * auth-service for a short-lived access token of its owner, and the request continues as if it had come with
 * {@code Authorization: Bearer <token>}. Spring Security then validates that token like any other, and the
 * services see the same identity a sign-in token gives (plus {@code scope} and {@code auth_method=api_key}).
 * The {@code X-API-Key} header itself never leaves the gateway.
 *
 * <ul>
 *   <li>a {@code read} key may only GET or HEAD: anything else is 403;</li>
 *   <li>a key auth-service does not accept is 401, and no service is called;</li>
 *   <li>auth-service unreachable is 503;</li>
 *   <li>without {@code GATEWAY_CLIENT_SECRET} API keys are disabled: 401 saying so.</li>
 * </ul>
 * An {@code Authorization} header wins over {@code X-API-Key} (the key is then only removed).
 */
class ApiKeyWebFilter implements WebFilter, Ordered {

    static final String HEADER = "X-API-Key";
    private static final int MAX_KEY_LENGTH = 256;

    private static final Logger log = LoggerFactory.getLogger(ApiKeyWebFilter.class);

    private final ApiKeyExchanger exchanger;
    private final ApiKeyProperties properties;
    private final ProblemWriter problems;
    private final MeterRegistry meters;

    ApiKeyWebFilter(ApiKeyExchanger exchanger, ApiKeyProperties properties, ProblemWriter problems, MeterRegistry meters) {
        this.exchanger = exchanger;
        this.properties = properties;
        this.problems = problems;
        this.meters = meters;
    }

    /** Spring Security's filter chain runs at order -100 ({@code WebFluxSecurityConfiguration}, not public). */
    static final int SECURITY_FILTER_ORDER = -100;

    /** Right before Spring Security, which then sees the bearer token. */
    @Override
    public int getOrder() {
        return SECURITY_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String key = request.getHeaders().getFirst(HEADER);
        if (key == null) {
            return chain.filter(exchange);
        }
        ServerWebExchange withoutKey = exchange.mutate()
                .request(r -> r.headers(headers -> headers.remove(HEADER)))
                .build();
        if (request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || !request.getPath().pathWithinApplication().value().startsWith("/api/")) {
            return chain.filter(withoutKey);
        }
        return SecurityConfiguration.PUBLIC.matches(exchange).flatMap(match -> match.isMatch()
                ? chain.filter(withoutKey)
                : authenticate(key.strip(), withoutKey, chain));
    }

    private Mono<Void> authenticate(String key, ServerWebExchange exchange, WebFilterChain chain) {
        if (!properties.enabled()) {
            count("disabled");
            return unauthorized(exchange, "API keys are not configured on this gateway; use an access token");
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            count("rejected");
            return unauthorized(exchange, "The API key is invalid or has been revoked");
        }
        return exchanger.exchange(key)
                .map(Outcome::exchanged)
                .onErrorResume(ApiKeyException.class, error -> Mono.just(Outcome.failed(error)))
                .flatMap(outcome -> {
                    if (outcome.error() instanceof ApiKeyException.Rejected) {
                        count("rejected");
                        return unauthorized(exchange, "The API key is invalid or has been revoked");
                    }
                    if (outcome.error() != null) {
                        count("unavailable");
                        log.warn("API key not checked: {}", outcome.error().getMessage(), outcome.error().getCause());
                        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
                        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.UNAVAILABLE,
                                "API keys cannot be checked right now; try again shortly");
                    }
                    ApiKeyExchanger.ExchangedKey exchanged = outcome.key();
                    HttpMethod method = exchange.getRequest().getMethod();
                    if (exchanged.readOnly() && !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
                        count("read_only");
                        return problems.write(exchange, HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN,
                                "This API key is read-only: only GET and HEAD requests are allowed");
                    }
                    count("accepted");
                    exchange.getResponse().beforeCommit(() -> forgetIfRefused(key, exchange));
                    return chain.filter(exchange.mutate()
                            .request(r -> r.headers(headers -> headers.setBearerAuth(exchanged.accessToken())))
                            .build());
                });
    }

    /**
     * The key's token was refused after all (revoked since it was exchanged: owner locked, sessions ended...): it is
     * dropped from the cache, so the next request asks auth-service again instead of reusing a dead token until the
     * cache entry expires (after an unlock, the key works again at once). Runs as the response is committed, before
     * its first byte leaves: once the request has completed, the client may already have sent its next request with
     * the key (RevokedTokenIntegrationTests saw that next request reuse the refused token).
     */
    private Mono<Void> forgetIfRefused(String key, ServerWebExchange exchange) {
        if (HttpStatus.UNAUTHORIZED.equals(exchange.getResponse().getStatusCode())) {
            exchanger.forget(key);
        }
        return Mono.empty();
    }

    /** {@code stockradar_gateway_api_key_requests_total{outcome=accepted|rejected|read_only|unavailable|disabled}}. */
    private void count(String outcome) {
        meters.counter("stockradar.gateway.api.key.requests", "outcome", outcome).increment();
    }

    private Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"");
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, ProblemCode.UNAUTHORIZED, detail);
    }

    private record Outcome(ApiKeyExchanger.ExchangedKey key, ApiKeyException error) {

        static Outcome exchanged(ApiKeyExchanger.ExchangedKey key) {
            return new Outcome(key, null);
        }

        static Outcome failed(ApiKeyException error) {
            return new Outcome(null, error);
        }
    }
}
