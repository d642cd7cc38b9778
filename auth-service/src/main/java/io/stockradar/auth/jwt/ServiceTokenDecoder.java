package io.stockradar.auth.jwt;

import io.stockradar.common.security.StockRadarJwt;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * Validates service tokens issued by this service for its own internal endpoints: RS256 with one of our keys,
 * our issuer, {@code aud=stockradar-internal}, a subject, within their lifetime. User tokens
 * ({@code aud=stockradar-api}) are refused. Deliberately not a {@link JwtDecoder} bean: the public API's
 * decoder stays the only one.
 */
@Component
public final class ServiceTokenDecoder {

    private final NimbusJwtDecoder decoder;

    ServiceTokenDecoder(SigningKeys keys, JwtProperties properties) {
        this.decoder = NimbusJwtDecoder.withJwkSource(keys.verificationKeySource())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(StockRadarJwt.INTERNAL_AUDIENCE));
        OAuth2TokenValidator<Jwt> subject = new JwtClaimValidator<String>(JwtClaimNames.SUB,
                sub -> sub != null && !sub.isBlank());
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()), audience, subject));
    }

    /** The decoder for an {@code oauth2ResourceServer} on internal paths. */
    public JwtDecoder jwtDecoder() {
        return decoder;
    }
}
