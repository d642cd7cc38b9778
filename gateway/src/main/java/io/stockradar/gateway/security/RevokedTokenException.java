package io.stockradar.gateway.security;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A well-signed, unexpired token that auth-service has revoked. A {@link BadJwtException}, so Spring Security
 * answers 401 (not 503); {@link ProblemSecurityHandlers} recognises it and says {@code TOKEN_REVOKED}.
 */
final class RevokedTokenException extends BadJwtException {

    RevokedTokenException() {
        super("The access token has been revoked");
    }
}
