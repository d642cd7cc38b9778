package io.stockradar.gateway.routing;

import io.stockradar.gateway.support.Backend;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code API_DOCS_ENABLED=false} (the production overlays) no API description is served at all (issue 20). */
@TestPropertySource(properties = "API_DOCS_ENABLED=false")
class ApiDocsOffIntegrationTests extends GatewayIntegrationTest {

    @Test
    void neitherTheCombinedViewNorAnyServicesDocumentIsServed() {
        for (String path : new String[] {"/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui/index.html",
                "/openapi/auth-service", "/openapi/market-data-service", "/openapi/agent-service",
                "/openapi/history-service"}) {
            client.get().uri(path).exchange().expectStatus().isNotFound();
        }

        assertThat(apiCalls(ALL.toArray(new Backend[0])))
                .as("no service was asked for its document").isZero();
    }
}
