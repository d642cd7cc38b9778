package io.stockradar.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The bearer token of a request, as Spring Security's {@link ServerBearerTokenAuthenticationConverter} reads it,
 * with a fast path for the one shape nearly every request has: {@code Authorization: Bearer <b64token>}
 * (RFC 6750) and no {@code access_token} in the query, without the regular expression and query parsing that
 * converter runs on every request (bench/edge/README.md); anything
 * but the plain shape still goes to it, so errors and edge cases stay exactly Spring's
 * ({@code BearerTokenConverterTest} compares both on the same inputs).
 */
class BearerTokenConverter implements ServerAuthenticationConverter {

    private static final String BEARER = "Bearer ";

    private final ServerAuthenticationConverter standard = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String token = plainBearerToken(exchange.getRequest());
        return token != null ? Mono.just(new BearerTokenAuthenticationToken(token)) : standard.convert(exchange);
    }

    /** The token of a plain {@code Bearer} header without a query token, or null for anything else. */
    static String plainBearerToken(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        if (query != null && query.contains("access_token")) {
            return null;
        }
        // Read below Spring Security's firewall wrapper, which checks every header value it hands out against a
        // regular expression; the value is checked here more strictly than the firewall would: RFC 6750 only.
        ServerHttpRequest unwrapped = request;
        while (unwrapped instanceof ServerHttpRequestDecorator decorator) {
            unwrapped = decorator.getDelegate();
        }
        String authorization = unwrapped.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        int end = authorization.length();
        int i = BEARER.length();
        while (i < end && isTokenChar(authorization.charAt(i))) {
            i++;
        }
        if (i == BEARER.length()) {
            return null;
        }
        while (i < end && authorization.charAt(i) == '=') {
            i++;
        }
        return i == end ? authorization.substring(BEARER.length()) : null;
    }

    /** RFC 6750 b64token characters before the padding: ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/". */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
