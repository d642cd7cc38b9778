package io.stockradar.common.security;

import io.stockradar.common.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * An API key's scope, enforced by the service itself and not only at the gateway: a request authenticated with a
 * token the gateway obtained for an API key ({@code auth_method=api_key}) may only read ({@code GET}, {@code HEAD})
 * unless the token's {@code scope} includes {@code full}; anything else is 403 problem+json. A key token without a
 * scope counts as read-only. Sign-in and service tokens are not affected.
 * <p>
 * Add it after the bearer-token filter:
 * {@code http.addFilterAfter(new ApiKeyScopeFilter(), BearerTokenAuthenticationFilter.class)}.
 */
public final class ApiKeyScopeFilter extends OncePerRequestFilter {

    /** The problem code of a write refused to a read-only key. */
    public static final String PROBLEM_CODE = "FORBIDDEN";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token && !allows(token.getToken(), request.getMethod())) {
            ProblemResponses.write(response, HttpServletResponse.SC_FORBIDDEN, PROBLEM_CODE,
                    "This API key is read-only: only GET and HEAD requests are allowed");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether a request with {@code method} may go on with {@code jwt}. */
    static boolean allows(Jwt jwt, String method) {
        if (!StockRadarJwt.AUTH_METHOD_API_KEY.equals(jwt.getClaimAsString(StockRadarJwt.CLAIM_AUTH_METHOD))) {
            return true;
        }
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return true;
        }
        return scopes(jwt.getClaims().get(StockRadarJwt.CLAIM_SCOPE)).contains(StockRadarJwt.API_KEY_SCOPE_FULL);
    }

    private static List<String> scopes(Object scope) {
        if (scope instanceof String s) {
            return List.of(s.trim().split("\\s+"));
        }
        if (scope instanceof Collection<?> parts) {
            return parts.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
