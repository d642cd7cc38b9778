package io.stockradar.gateway.security;

import io.lettuce.core.resource.ClientResources;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.server.ObservationWebFilterChainDecorator;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request passes the security chain and a Redis call (rate limit, revocation): neither its security filters
 * nor its Redis commands are wrapped in observations, which cost measurable CPU per request (bench/auth). The
 * request itself is still observed (http.server.requests, and the route's http.client.requests).
 */
class ObservationIntegrationTests extends GatewayIntegrationTest {

    @Autowired
    WebFilterChainProxy securityFilterChain;

    @Autowired
    ClientResources redisClientResources;

    @Test
    void securityFiltersAndRedisCommandsAreNotObservedOneByOne() {
        assertThat(ReflectionTestUtils.getField(securityFilterChain, "filterChainDecorator"))
                .isNotInstanceOf(ObservationWebFilterChainDecorator.class);
        assertThat(redisClientResources.tracing().isEnabled()).isFalse();
    }
}
