package io.stockradar.gateway.ratelimit;

import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default settings the gateway trusts no proxy: a client on a private or loopback address cannot name
 * its own address with {@code X-Forwarded-For} and so escape the per-address rate limits and auth-service's login
 * throttling (issue 20). The services see the TCP peer.
 */
class ClientAddressIntegrationTests extends GatewayIntegrationTest {

    @Test
    void byDefaultAClientCannotChooseItsAddressWithXForwardedFor() throws UnknownHostException {
        AUTH.reset();

        client.post().uri("/api/auth/login").header("X-Forwarded-For", "203.0.113.9")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk();

        assertThat(AUTH.requests()).hasSize(1);
        String seen = AUTH.requests().getFirst().getHeaders().get("X-Forwarded-For");
        assertThat(seen).as("the peer (loopback), not the address the client claimed").isNotNull()
                .doesNotContain("203.0.113.9");
        assertThat(InetAddress.getByName(seen).isLoopbackAddress()).as(seen).isTrue();
    }
}
