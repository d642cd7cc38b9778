package io.stockradar.auth.jwt;

import io.stockradar.common.security.StockRadarJwt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The signing key, the token encoder, and the decoder that validates this service's own tokens. */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JwtConfiguration.class);

    /** The clock skew {@link JwtValidators} tolerates on {@code exp}. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    @Bean
    @DependsOnDatabaseInitialization
    SigningKeys signingKeys(JwtProperties properties, SigningKeyProperties rotation, ServiceTokenProperties serviceTokens,
            SigningKeyStore store) {
        if (properties.hasConfiguredKey() || !rotation.keys().isEmpty()) {
            List<SigningKeys.Scheduled> scheduled = new ArrayList<>();
            if (properties.hasConfiguredKey()) {
                scheduled.add(new SigningKeys.Scheduled(SigningKeys.rsaKey(PemKeys.parsePrivateKey(properties.privateKey()),
                        properties.keyId()), Instant.EPOCH));
            }
            for (SigningKeyProperties.Key key : rotation.keys()) {
                if (key.privateKey() == null || key.privateKey().isBlank()) {
                    throw new IllegalArgumentException("stockradar.jwt.keys[].private-key is required (kid " + key.keyId() + ")");
                }
                scheduled.add(new SigningKeys.Scheduled(SigningKeys.rsaKey(PemKeys.parsePrivateKey(key.privateKey()),
                        key.keyId()), key.signsFrom() == null ? Instant.EPOCH : key.signsFrom()));
            }
            // A superseded key stays published for the longest token lifetime plus the validators' clock skew.
            Duration longest = properties.accessTokenTtl().compareTo(serviceTokens.ttl()) >= 0
                    ? properties.accessTokenTtl() : serviceTokens.ttl();
            SigningKeys keys = new SigningKeys(scheduled, longest.plus(CLOCK_SKEW), Clock.systemUTC());
            log.info("Signing access tokens with the configured key, kid {} ({} key(s) configured, {} published)",
                    keys.currentKeyId(), scheduled.size(), keys.publicKeys().getKeys().size());
            return keys;
        }
        SigningKeyStore.StoredKey stored = store.loadOrCreate();
        log.warn("DEV ONLY: no STOCKRADAR_JWT_PRIVATE_KEY configured; signing access tokens with the key kept in "
                + "the auth database (table signing_key), kid {}. Configure a key from a secret in production.",
                stored.kid());
        return SigningKeys.of(stored.privateKey(), stored.kid());
    }

    /**
     * Signs with the key the header's kid names (the issuers put the one {@link SigningKeys} says signs now), through
     * the provider {@link TokenSignatures} selects ({@code stockradar.jwt.signature-provider}).
     */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys, JwtProperties properties) {
        return new RsaJwtEncoder(keys, TokenSignatures.select(properties.signatureProvider()));
    }

    /**
     * Accepts only RS256 tokens signed by one of our keys, issued by us, for {@link StockRadarJwt#AUDIENCE},
     * and within their lifetime (60 s clock skew).
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, JwtProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.verificationKeySource())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator(properties.issuer()));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer) {
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(StockRadarJwt.AUDIENCE));
        OAuth2TokenValidator<Jwt> subject = new JwtClaimValidator<String>(JwtClaimNames.SUB,
                sub -> sub != null && !sub.isBlank());
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer), audience, subject);
    }
}
