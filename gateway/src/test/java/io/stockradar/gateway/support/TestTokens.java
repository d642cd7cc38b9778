package io.stockradar.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** An RS256 signing key like auth-service's, its JWKS, and tokens good and bad. */
public final class TestTokens {

    public static final String ISSUER = "https://auth.stockradar.test";
    public static final String AUDIENCE = "stockradar-api";
    public static final String KEY_ID = "test-key-1";

    private final RSAKey key;
    private final RSAKey strangerKey;

    public TestTokens() {
        try {
            this.key = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
            this.strangerKey = new RSAKeyGenerator(2048).keyID("unknown-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWKS auth-service would publish. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject(UUID.randomUUID().toString())
                .claim("preferred_username", "alice")
                .claim("roles", List.of("USER"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString());
    }

    public String valid() {
        return signed(claims().build());
    }

    public String with(UnaryOperator<JWTClaimsSet.Builder> change) {
        return signed(change.apply(claims()).build());
    }

    public String signed(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signed by a key auth-service never published. */
    public String signedWithUnknownKey() {
        return sign(claims().build(), strangerKey);
    }

    /** Signed by a key auth-service never published, under key id {@code kid}. */
    public String signedWithUnknownKey(String kid) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
                    .type(JOSEObjectType.JWT).build(), claims().build());
            jwt.sign(new RSASSASigner(strangerKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload was changed after signing. */
    public String tampered() {
        String[] parts = valid().split("\\.");
        String otherPayload = with(c -> c.claim("roles", List.of("ADMIN"))).split("\\.")[1];
        return parts[0] + "." + otherPayload + "." + parts[2];
    }

    /** {@code alg: none}: no signature at all. */
    public String unsigned() {
        return new PlainJWT(claims().build()).serialize();
    }

    /** The classic key-confusion attack: HS256 with the RSA public key as the HMAC secret. */
    public String hs256WithPublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY_ID)
                    .type(JOSEObjectType.JWT).build(), claims().build());
            jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
