package io.stockradar.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.problem.ProblemCode;
import io.stockradar.common.security.VerifiedTokenCache;
import io.stockradar.gateway.error.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A limit on unauthenticated work, before authentication (issue 20): requests that security refuses never reach the
 * routes' rate limiter, yet each forged token costs a signature check and each made-up API key a call to
 * auth-service. So every 401 counts against the client's address, and once an address caused
 * {@link FailedAuthenticationLimit#limit()} of them within the window, its requests that carry credentials not
 * proven lately are answered 429 problem+json with {@code Retry-After}, before any of that work. Requests with
 * an access token this gateway verified lately still pass (other users behind the same address keep working), and
 * requests without credentials are left to the routes' own limits.
 */
class FailedAuthenticationLimitWebFilter implements WebFilter, Ordered {

    private final ClientAddresses clientAddresses;
    private final VerifiedTokenCache verifiedTokens;
    private final ProblemWriter problems;
    private final int limit;
    private final Cache<String, AtomicInteger> failures;
    private final Counter refused;

    FailedAuthenticationLimitWebFilter(FailedAuthenticationLimit settings, ClientAddresses clientAddresses,
            VerifiedTokenCache verifiedTokens, ProblemWriter problems, MeterRegistry meters) {
        this.clientAddresses = clientAddresses;
        this.verifiedTokens = verifiedTokens;
        this.problems = problems;
        this.limit = settings.limit();
        this.failures = Caffeine.newBuilder().expireAfterWrite(settings.window()).maximumSize(100_000).build();
        this.refused = Counter.builder("stockradar.gateway.failed.authentication.refused")
                .description("Requests refused up front because their address caused too many failed authentications")
                .register(meters);
    }

    /** The gateway's API-key header (security's {@code ApiKeyWebFilter}). */
    static final String API_KEY_HEADER = "X-API-Key";

    /**
     * Before API keys are exchanged (security's {@code ApiKeyWebFilter}, at -101) and before Spring Security
     * verifies tokens (-100).
     */
    @Override
    public int getOrder() {
        return -110;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (limit == 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null && !headers.containsHeader(API_KEY_HEADER)) {
            return chain.filter(exchange); // no credentials: nothing to verify, the routes' limits apply
        }
        String address = clientAddresses.of(exchange);
        AtomicInteger count = failures.getIfPresent(address);
        if (count != null && count.get() >= limit && !provenLately(authorization)) {
            refused.increment();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(address)));
            return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, ProblemCode.TOO_MANY_REQUESTS,
                    "Too many failed authentications from this address; try again later");
        }
        exchange.getResponse().beforeCommit(() -> {
            if (HttpStatus.UNAUTHORIZED.equals(exchange.getResponse().getStatusCode())) {
                failures.get(address, key -> new AtomicInteger()).incrementAndGet();
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private boolean provenLately(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && verifiedTokens.get(authorization.substring(7).strip()) != null;
    }

    private long retryAfterSeconds(String address) {
        Duration window = failures.policy().expireAfterWrite().orElseThrow().getExpiresAfter();
        Duration age = failures.policy().expireAfterWrite().orElseThrow().ageOf(address).orElse(Duration.ZERO);
        return Math.max(1, window.minus(age).toSeconds());
    }
}
