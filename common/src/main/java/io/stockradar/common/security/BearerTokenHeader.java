package io.stockradar.common.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's {@link DefaultBearerTokenResolver} (token from the {@code Authorization} header only, as
 * configured by default) with a loop instead of its case-insensitive regular expression
 * {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} for a well-formed header: that match, over a ~700-character
 * token, was a measurable share of a cached read in market-data-service (bench/market-data/README.md, "read
 * cost"). A header the loop does not accept - absent, another scheme, malformed - goes to
 * {@link DefaultBearerTokenResolver} unchanged, so the outcomes (token, {@code null}, or the
 * {@code invalid_token} error) are exactly Spring Security's.
 * <p>
 * Use with {@code oauth2ResourceServer(o -> o.bearerTokenResolver(new BearerTokenHeader()))}.
 */
public final class BearerTokenHeader implements BearerTokenResolver {

    private static final String PREFIX = "Bearer ";

    private final DefaultBearerTokenResolver fallback = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String token = wellFormedToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        return token != null ? token : fallback.resolve(request);
    }

    /** The token of {@code Bearer <token>} when the regex above matches it; null when unsure. */
    static String wellFormedToken(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        int i = PREFIX.length();
        int n = header.length();
        while (i < n && isTokenChar(header.charAt(i))) {
            i++;
        }
        if (i == PREFIX.length()) {
            return null;
        }
        while (i < n && header.charAt(i) == '=') {
            i++;
        }
        return i == n ? header.substring(PREFIX.length()) : null;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
