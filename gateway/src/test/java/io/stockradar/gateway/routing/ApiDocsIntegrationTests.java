package io.stockradar.gateway.routing;

import io.stockradar.gateway.support.Backend;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsIntegrationTests extends GatewayIntegrationTest {

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("auth-service", List.of(AUTH)),
                Arguments.of("market-data-service", List.of(MARKET_1, MARKET_2)),
                Arguments.of("agent-service", List.of(AGENT_1, AGENT_2)),
                Arguments.of("history-service", List.of(HISTORY_1, HISTORY_2)));
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServicesOpenApiDocumentIsPublicThroughTheGateway(String service, List<Backend> instances) {
        client.get().uri("/openapi/" + service).exchange().expectStatus().isOk();

        assertThat(instances.stream().flatMap(b -> b.requests().stream()))
                .singleElement()
                .satisfies(r -> assertThat(r.getTarget()).isEqualTo("/v3/api-docs"));
    }

    @Test
    void swaggerUiListsEveryServiceDocument() {
        client.get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[*].url").value(urls -> assertThat(((List<?>) urls).stream().map(String::valueOf))
                        .containsExactlyInAnyOrder("/openapi/auth-service", "/openapi/market-data-service",
                                "/openapi/agent-service", "/openapi/history-service"));
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }
}
