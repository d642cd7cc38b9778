package io.stockradar.gateway.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PublicPathsTest {

    /** The shortcut and the cache never change an answer: the same verdict as the patterns, for every method. */
    @ParameterizedTest
    @ValueSource(strings = {
            "/api/market/quote/005930.KS", "/api/history", "/api/auth/login", "/api/auth/signup", "/api/auth/refresh",
            "/api/auth/logout", "/api/auth/me", "/api/auth/api-keys", "/api/auth", "/api/%61uth/login",
            "/api/auth/log%69n", "/%61pi/auth/login", "/api/auth/login/", "/apix/auth/login", "/api",
            "/.well-known/jwks.json", "/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
            "/actuator/metrics", "/actuator/info", "/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui.html",
            "/swagger-ui/index.html", "/openapi/market-data-service", "/openapi/a/b", "/", "/index.html",
            "/favicon.ico", "/assets/app.js", "/static/x.css", "/app/main.js", "/vendor/lib.js", "/unknown",
            "/internal/bars", "/api/screener/runs"})
    void answersAsThePatternsDo(String path) {
        for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE}) {
            boolean expected = verdict(PublicPaths.PATTERNS, exchange(method, path));
            ServerWebExchange exchange = exchange(method, path);
            assertThat(verdict(PublicPaths.INSTANCE, exchange)).as("%s %s", method, path).isEqualTo(expected);
            assertThat(verdict(PublicPaths.INSTANCE, exchange)).as("again, %s %s", method, path).isEqualTo(expected);
        }
    }

    @Test
    void thePatternsAreAskedOncePerExchange() {
        AtomicInteger reads = new AtomicInteger();
        MockServerWebExchange exchange = exchange(HttpMethod.GET, "/.well-known/jwks.json");
        ServerWebExchange counting = new org.springframework.web.server.ServerWebExchangeDecorator(exchange) {
            @Override
            public org.springframework.http.server.reactive.ServerHttpRequest getRequest() {
                reads.incrementAndGet();
                return super.getRequest();
            }
        };
        assertThat(verdict(PublicPaths.INSTANCE, counting)).isTrue();
        int first = reads.get();
        assertThat(verdict(PublicPaths.INSTANCE, counting)).isTrue();
        assertThat(verdict(PublicPaths.INSTANCE, counting)).isTrue();
        assertThat(first).isPositive();
        assertThat(reads.get()).isEqualTo(first);
    }

    @Test
    void shortcutOnlyForLiteralApiPathsOutsideAuth() {
        assertThat(PublicPaths.isApiButNotAuth("/api/market/quote/AAPL")).isTrue();
        assertThat(PublicPaths.isApiButNotAuth("/api/auth/login")).isFalse();
        assertThat(PublicPaths.isApiButNotAuth("/api/auth")).isFalse();
        assertThat(PublicPaths.isApiButNotAuth("/api/%61uth/login")).isFalse();
        assertThat(PublicPaths.isApiButNotAuth("/actuator/health")).isFalse();
    }

    private static boolean verdict(org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher matcher,
            ServerWebExchange exchange) {
        MatchResult result = matcher.matches(exchange).block();
        return result != null && result.isMatch();
    }

    private static MockServerWebExchange exchange(HttpMethod method, String rawPath) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(method, URI.create("http://gw" + rawPath)).build());
    }
}
