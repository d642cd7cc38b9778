package io.stockradar.gateway.ratelimit;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the client behind a request, the same way auth-service's Tomcat reads it
 * ({@code RemoteIpValve}): the TCP peer, unless the peer is a trusted proxy; then {@code X-Forwarded-For} is
 * read from the right, skipping trusted proxies, and the first address that is not one is the client (if all
 * are, the left-most). Entries a client may have put there itself lie further left and are never reached, so
 * a client on an untrusted network cannot choose its address. Used for rate limits here, and forwarded to the
 * services as the only {@code X-Forwarded-For} entry ({@link ClientAddressForwarding}), so auth-service's
 * login throttling sees the same address.
 *
 * <p>Only IP literals are considered; a name in {@code X-Forwarded-For} is never resolved (no DNS on the
 * request path).
 */
class ClientAddresses {

    private static final String ATTRIBUTE = ClientAddresses.class.getName() + ".client";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<Cidr> trustedProxies;

    ClientAddresses(ClientAddressProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(Cidr::parse).toList();
    }

    /** The client's address (textual IP), computed once per exchange; {@code "unknown"} without a peer address. */
    String of(ServerWebExchange exchange) {
        String cached = exchange.getAttribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        String client = resolve(exchange.getRequest());
        exchange.getAttributes().put(ATTRIBUTE, client);
        return client;
    }

    String resolve(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null) {
            return "unknown";
        }
        InetAddress client = peer;
        if (isTrusted(peer)) {
            List<String> forwarded = forwardedFor(request);
            for (int i = forwarded.size() - 1; i >= 0; i--) {
                InetAddress hop = parseLiteral(forwarded.get(i));
                if (hop == null) {
                    break; // not an address: nothing further left can be trusted either
                }
                client = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        return client.getHostAddress();
    }

    boolean isTrusted(InetAddress address) {
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forwardedFor(ServerHttpRequest request) {
        List<String> values = request.getHeaders().get("X-Forwarded-For");
        if (values == null) {
            return List.of();
        }
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }

    /** An IPv4 or IPv6 literal (IPv6 optionally in brackets), or null; never a DNS lookup. */
    static InetAddress parseLiteral(String value) {
        String literal = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(literal); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** A CIDR range such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a range of one. */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String cidr) {
            int slash = cidr.indexOf('/');
            InetAddress address = parseLiteral(slash < 0 ? cidr : cidr.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("stockradar.client-address.trusted-proxies: '" + cidr
                        + "' is not an IP address or CIDR range");
            }
            int max = address.getAddress().length * 8;
            int bits = slash < 0 ? max : Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("stockradar.client-address.trusted-proxies: bad prefix length in '"
                        + cidr + "'");
            }
            return new Cidr(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
