package io.stockradar.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathGuardWebFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/", "/index.html", "/api/market/quote/005930.KS", "/api/market/quote/%5EKS11", "/api/market/quote/BRK-B",
            "/api/market/search", "/api/history/", "/api/analysis/%EC%82%BC%EC%84%B1", "/.well-known/jwks.json",
            "/api/market/internal", "/api/internal/x", "/internals", "/api/market/quote/100%25"})
    void allowsOrdinaryPaths(String rawPath) {
        assertThat(PathGuardWebFilter.isRoutable(rawPath)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/internal", "/internal/", "/internal/bars", "/Internal/bars", "/%69nternal/bars",
            "/api/../internal/bars", "/api/./x", "/api/market/%2e%2e/x", "/api/market/%2E%2e/x",
            "/api/market/..%2Fx", "/api/market/%2F", "/api/market/%252e%252e/x", "/api/market/%25252e%25252e/x",
            "/api/market/..;/x", "/api/market;jsessionid=1/x", "/api/market/%3B/x", "/api/market/..%5Cx",
            "/api/market//x", "//internal", "/api/market/%00x", "/api/market/%zz", "/api/market/%"})
    void refusesInternalAndAmbiguousPaths(String rawPath) {
        assertThat(PathGuardWebFilter.isRoutable(rawPath)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a/../internal/x", "/a/b/../../internal/x", "/a;x/../internal/x", "/a\\..\\internal/x"})
    void normalisesLikeALenientContainer(String decoded) {
        assertThat(PathGuardWebFilter.normalise(decoded)).isEqualTo("/internal/x");
    }
}
