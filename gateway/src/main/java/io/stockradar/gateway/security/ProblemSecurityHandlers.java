package io.stockradar.gateway.security;

import io.stockradar.common.problem.ProblemCode;
import io.stockradar.gateway.error.ProblemWriter;
import io.stockradar.common.security.AccessTokenRevocation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as problem+json with an RFC 6750 {@code WWW-Authenticate} challenge. The detail never says
 * which check failed (signature, issuer, expiry...): that would help an attacker and not a user.
 */
@Component
class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ProblemWriter problems;

    ProblemSecurityHandlers(ProblemWriter problems) {
        this.problems = problems;
    }

    /** A valid token that auth-service revoked (account locked or deleted, sessions ended, password changed). */
    static final String TOKEN_REVOKED = AccessTokenRevocation.PROBLEM_CODE;

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        if (isRevoked(ex)) {
            // Telling the client that this token was revoked (not "invalid") is safe - it held a genuine token -
            // and lets it sign in again instead of retrying.
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer error=\"invalid_token\", error_description=\"The access token has been revoked\"");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, TOKEN_REVOKED,
                    "The access token has been revoked; sign in again");
        }
        boolean tokenPresented = ex instanceof OAuth2AuthenticationException oauth
                && oauth.getError() instanceof BearerTokenError;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, tokenPresented
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                : "Bearer");
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, ProblemCode.UNAUTHORIZED,
                tokenPresented ? "The access token is invalid or expired" : "A valid access token is required");
    }

    private static boolean isRevoked(Throwable ex) {
        for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof RevokedTokenException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"insufficient_scope\"");
        return problems.write(exchange, HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "You are not allowed to do this");
    }
}
