package io.stockradar.agent;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.stockradar.common.security.StockRadarJwt;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Real RS256 access tokens for tests, signed by a key whose JWKS the {@link MarketDataStub} serves. */
public final class TestJwts {

    public static final String ISSUER = "http://issuer.test";

    private final RSAKey key;

    public TestJwts() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public String token(String subject) {
        return token(subject, ISSUER, StockRadarJwt.AUDIENCE);
    }

    /** A token as the gateway gets it for an API key of {@code subject} with {@code scope} (read or full). */
    public String apiKeyToken(String subject, String scope) {
        return sign(claims(subject, ISSUER, StockRadarJwt.AUDIENCE)
                .claim(StockRadarJwt.CLAIM_AUTH_METHOD, StockRadarJwt.AUTH_METHOD_API_KEY)
                .claim(StockRadarJwt.CLAIM_SCOPE, scope)
                .build());
    }

    public String token(String subject, String issuer, String audience) {
        return sign(claims(subject, issuer, audience).build());
    }

    private static JWTClaimsSet.Builder claims(String subject, String issuer, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(List.of(audience))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim(StockRadarJwt.CLAIM_ROLES, List.of("USER"));
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
