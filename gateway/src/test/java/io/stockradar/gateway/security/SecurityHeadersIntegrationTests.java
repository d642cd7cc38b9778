package io.stockradar.gateway.security;

import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The web UI's pages carry a policy that leaves an injected tag nothing to load, re-point or submit to. */
class SecurityHeadersIntegrationTests extends GatewayIntegrationTest {

    @Test
    void theContentSecurityPolicyAllowsOnlyThisOriginAndNoBaseOrForeignForm() {
        String policy = client.get().uri("/index.html").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("Content-Security-Policy");

        assertThat(policy).isNotNull()
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'",
                        "form-action 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }
}
