package io.stockradar.auth.jwt;

import io.stockradar.common.security.StockRadarJwt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Signs RS256 tokens for services (OAuth 2.0 client credentials): {@code sub} = {@code client_id} = the
 * client id, {@code aud=stockradar-internal}, {@code scope} space-separated, no roles and no username.
 * Same keys and issuer as user tokens; the audience keeps the two apart.
 */
@Component
public class ServiceTokenIssuer {

    private final JwtEncoder encoder;
    private final SigningKeys keys;
    private final JwtProperties jwt;
    private final ServiceTokenProperties properties;
    private final Clock clock;

    @Autowired
    ServiceTokenIssuer(JwtEncoder encoder, SigningKeys keys, JwtProperties jwt, ServiceTokenProperties properties) {
        this(encoder, keys, jwt, properties, Clock.systemUTC());
    }

    ServiceTokenIssuer(JwtEncoder encoder, SigningKeys keys, JwtProperties jwt, ServiceTokenProperties properties,
            Clock clock) {
        this.encoder = encoder;
        this.keys = keys;
        this.jwt = jwt;
        this.properties = properties;
        this.clock = clock;
    }

    public AccessTokenIssuer.AccessToken issue(String clientId, Collection<String> scopes) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(properties.ttl());
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.currentKeyId()).type("JWT").build();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(jwt.issuer())
                .audience(List.of(ServiceTokenProperties.AUDIENCE))
                .subject(clientId)
                .claim("client_id", clientId)
                .claim(StockRadarJwt.CLAIM_SCOPE, String.join(" ", scopes))
                .issuedAt(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .build();
        String value = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new AccessTokenIssuer.AccessToken(value, expiresAt, properties.ttl());
    }
}
