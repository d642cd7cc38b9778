package io.stockradar.gateway.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Requests that never need a token (a stale token on them is ignored rather than rejected): the public auth calls,
 * discovery documents, API docs and the web UI's files (the actuator is on the management port, not here).
 *
 * <p>The path patterns below decide; this matcher only saves repeating them. Every request asked them twice (the
 * bearer-token converter, then authorization), each time through ~20 patterns, each through Spring Security's
 * firewall wrapper, which builds a new request object per look-up (bench/edge/README.md). So the answer is kept
 * with the exchange, and a path whose first segment is literally {@code api} and whose second is not literally
 * {@code auth} is answered at once: no pattern can match it ({@code PublicPathsTest} checks both against the
 * patterns).
 */
final class PublicPaths implements ServerWebExchangeMatcher {

    static final PublicPaths INSTANCE = new PublicPaths();

    private static final String VERDICT = PublicPaths.class.getName() + ".verdict";

    /** The authority: what is public. */
    static final ServerWebExchangeMatcher PATTERNS = new OrServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
                    "/api/auth/signup", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout"),
            ServerWebExchangeMatchers.pathMatchers(
                    "/.well-known/**",
                    "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**",
                    "/openapi/*",
                    "/", "/index.html", "/favicon.ico", "/assets/**", "/static/**", "/app/**", "/vendor/**"));

    private PublicPaths() {
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        Boolean known = exchange.getAttribute(VERDICT);
        if (known == null && isApiButNotAuth(exchange.getRequest().getURI().getRawPath())) {
            known = Boolean.FALSE;
            exchange.getAttributes().put(VERDICT, known);
        }
        if (known != null) {
            return known ? MatchResult.match() : MatchResult.notMatch();
        }
        return PATTERNS.matches(exchange).doOnNext(result -> exchange.getAttributes().put(VERDICT, result.isMatch()));
    }

    /**
     * {@code /api/<x>...} with {@code x} not {@code auth}, spelled without percent-encoding: the only public paths
     * under {@code /api} are four {@code /api/auth/...} calls.
     */
    static boolean isApiButNotAuth(String rawPath) {
        return rawPath != null && rawPath.startsWith("/api/") && !rawPath.startsWith("/api/auth/")
                && !rawPath.equals("/api/auth") && rawPath.indexOf('%') < 0;
    }
}
