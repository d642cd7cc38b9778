package io.stockradar.gateway.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(new ClientAddressProperties(
            List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")));

    @Test
    void aClientConnectedDirectlyIsItsPeerAddressWhateverItClaims() {
        assertThat(addresses.resolve(request("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedHopIsTheClient() {
        assertThat(addresses.resolve(request("10.1.2.3", "198.51.100.9, 203.0.113.7, 10.0.0.5"))).isEqualTo("203.0.113.7");
        assertThat(addresses.resolve(request("10.1.2.3", "203.0.113.7", "172.20.0.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertThat(addresses.resolve(request("127.0.0.1", "192.168.1.20, 10.0.0.5"))).isEqualTo("192.168.1.20");
        assertThat(addresses.resolve(request("127.0.0.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void namesAndGarbageAreNeverResolvedOrBelieved() {
        assertThat(addresses.resolve(request("10.1.2.3", "evil.example, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(addresses.resolve(request("10.1.2.3", "203.0.113.7, localhost"))).isEqualTo("10.1.2.3");
        assertThat(ClientAddresses.parseLiteral("example.com")).isNull();
        assertThat(ClientAddresses.parseLiteral("1.2.3")).isNull();
    }

    @Test
    void ipv6AddressesAndRangesWork() {
        assertThat(addresses.resolve(request("::1", "2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(addresses.resolve(request("fd00::1", "[2001:db8::8]"))).isEqualTo("2001:db8:0:0:0:0:0:8");
        assertThat(addresses.resolve(request("2001:db8::9", "203.0.113.7"))).isEqualTo("2001:db8:0:0:0:0:0:9");
    }

    @Test
    void rangesMatchOnTheirPrefixOnly() {
        ClientAddresses.Cidr range = ClientAddresses.Cidr.parse("172.16.0.0/12");
        assertThat(range.contains(ClientAddresses.parseLiteral("172.31.255.255"))).isTrue();
        assertThat(range.contains(ClientAddresses.parseLiteral("172.32.0.0"))).isFalse();
        assertThat(range.contains(ClientAddresses.parseLiteral("::1"))).isFalse();
        assertThat(ClientAddresses.Cidr.parse("203.0.113.7").contains(ClientAddresses.parseLiteral("203.0.113.7"))).isTrue();
        assertThat(ClientAddresses.Cidr.parse("203.0.113.7").contains(ClientAddresses.parseLiteral("203.0.113.8"))).isFalse();
    }

    @Test
    void aBadTrustedProxyFailsStartup() {
        assertThatThrownBy(() -> new ClientAddresses(new ClientAddressProperties(List.of("proxy.internal"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddresses(new ClientAddressProperties(List.of("10.0.0.0/33"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MockServerHttpRequest request(String peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.get("/api/history")
                .remoteAddress(new InetSocketAddress(ClientAddresses.parseLiteral(peer), 40000));
        for (String value : forwardedFor) {
            builder.header("X-Forwarded-For", value);
        }
        return builder.build();
    }
}
