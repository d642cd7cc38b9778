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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Signs RS256 access tokens for the public API. */
@Component
public class AccessTokenIssuer {

    /** A signed access token and its lifetime. */
    public record AccessToken(String value, Instant expiresAt, Duration lifetime) {
    }

    private final JwtEncoder encoder;
    private final SigningKeys keys;
    private final JwtProperties properties;
    private final Clock clock;

    @Autowired
    AccessTokenIssuer(JwtEncoder encoder, SigningKeys keys, JwtProperties properties) {
        this(encoder, keys, properties, Clock.systemUTC());
    }

    AccessTokenIssuer(JwtEncoder encoder, SigningKeys keys, JwtProperties properties, Clock clock) {
        this.encoder = encoder;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A token with {@code iss}, {@code aud=stockradar-api}, {@code sub} (the account id),
     * {@code preferred_username}, {@code roles}, {@code iat}, {@code exp} and a unique {@code jti}.
     */
    public AccessToken issue(UUID accountId, String username, List<String> roles) {
        return issue(accountId, username, roles, properties.accessTokenTtl(), Map.of());
    }

    /** {@link #issue(UUID, String, List)} plus {@code additionalClaims} (e.g. the session, {@code sid}). */
    public AccessToken issue(UUID accountId, String username, List<String> roles, Map<String, Object> additionalClaims) {
        return issue(accountId, username, roles, properties.accessTokenTtl(), additionalClaims);
    }

    /**
     * A token with the claims of {@link #issue(UUID, String, List)} plus {@code additionalClaims} (which cannot
     * replace those), valid for {@code ttl}: at most the access-token TTL, which signing-key rotation keeps
     * superseded keys published for.
     */
    public AccessToken issue(UUID accountId, String username, List<String> roles, Duration ttl,
            Map<String, Object> additionalClaims) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(properties.accessTokenTtl()) > 0) {
            throw new IllegalArgumentException("A token lifetime must be positive and at most " + properties.accessTokenTtl());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(keys.currentKeyId())
                .type("JWT")
                .build();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .claims(all -> all.putAll(additionalClaims))
                .issuer(properties.issuer())
                .audience(List.of(StockRadarJwt.AUDIENCE))
                .subject(accountId.toString())
                .claim(StockRadarJwt.CLAIM_USERNAME, username)
                .claim(StockRadarJwt.CLAIM_ROLES, List.copyOf(roles))
                .issuedAt(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .build();
        String value = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new AccessToken(value, expiresAt, ttl);
    }
}
