package io.stockradar.gateway.security;

import io.stockradar.common.security.VerifiedTokenCache;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The gateway's access-token check: verified (signature, issuer, audience, time window; by {@code verifier},
 * or from {@link VerifiedTokenCache} when this exact token passed lately), then not revoked ({@link RevokedTokens},
 * on every request).
 */
class EdgeJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final VerifiedTokenCache verifiedTokens;
    private final RevokedTokens revokedTokens;

    EdgeJwtDecoder(ReactiveJwtDecoder verifier, VerifiedTokenCache verifiedTokens, RevokedTokens revokedTokens) {
        this.verifier = verifier;
        this.verifiedTokens = verifiedTokens;
        this.revokedTokens = revokedTokens;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt verified = verifiedTokens.get(token);
        if (verified != null) {
            return revokedTokens.check(verified).thenReturn(verified);
        }
        // A JWKS that cannot be fetched is our outage, not a bad token: as a JwtException it becomes an
        // AuthenticationServiceException, which the error handler answers with 503 (not 401, not 500).
        // The revocation mark is read only for a token that proved genuine: a forged one costs no Redis round trip.
        return Mono.defer(() -> verifier.decode(token))
                .onErrorMap(error -> !(error instanceof JwtException),
                        error -> new JwtException("The signing keys could not be obtained", error))
                .doOnNext(jwt -> verifiedTokens.put(token, jwt))
                .flatMap(jwt -> revokedTokens.check(jwt).thenReturn(jwt));
    }
}
