package io.stockradar.gateway.security;

import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AnonymousAuthenticationWebFilter;
import org.springframework.security.web.server.savedrequest.ServerRequestCacheWebFilter;
import org.springframework.web.server.WebFilter;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every filter of the security chain runs on every request (bench/edge/README.md): the chain holds none that this
 * stateless edge has no use for. What each remaining one does is tested where it matters (401/403 problems in
 * {@code JwtValidationIntegrationTests}, headers in {@code SecurityHeadersIntegrationTests}).
 */
class SecurityChainIntegrationTests extends GatewayIntegrationTest {

    @Autowired
    SecurityWebFilterChain chain;

    @Test
    void noAnonymousPrincipalAndNoSavedRequests() {
        List<Class<?>> filters = chain.getWebFilters().map(WebFilter::getClass).<Class<?>>map(c -> c).collectList().block();
        assertThat(filters).isNotEmpty()
                .doesNotContain(AnonymousAuthenticationWebFilter.class, ServerRequestCacheWebFilter.class);
    }

    @Test
    void withoutATokenAProtectedPathIsStill401NotForbidden() {
        client.get().uri("/api/history").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
    }
}
