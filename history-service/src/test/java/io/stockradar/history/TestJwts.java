package io.stockradar.history;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.stockradar.common.security.StockRadarJwt;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Access tokens as auth-service issues them (RS256, issuer, audience, roles), signed by a test key whose
 * public half a local MockWebServer publishes as the JWKS. The service validates them with its real
 * decoder: no auth-service, no mocked security.
 */
public final class TestJwts {

    public static final String ISSUER = "http://auth.test.stockradar";
    private static final RSAKey KEY = generate("test-key");
    private static final RSAKey UNPUBLISHED_KEY = generate("rogue-key");
    private static final MockWebServer JWKS = startJwks();

    private TestJwts() {
    }

    public static String jwkSetUri() {
        return JWKS.url("/.well-known/jwks.json").toString();
    }

    /** A valid token of {@code subject} with role USER. */
    public static String token(String subject) {
        return token(subject, UnaryOperator.identity());
    }

    /** A token of {@code subject} whose claims the caller may change (audience, issuer, expiry...). */
    public static String token(String subject, UnaryOperator<JWTClaimsSet.Builder> claims) {
        return sign(KEY, claims.apply(defaults(subject)).build());
    }

    /** A well-formed token signed by a key the JWKS does not contain. */
    public static String tokenSignedByUnknownKey(String subject) {
        return sign(UNPUBLISHED_KEY, defaults(subject).build());
    }

    private static JWTClaimsSet.Builder defaults(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .audience(StockRadarJwt.AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(900)))
                .jwtID(UUID.randomUUID().toString())
                .claim(StockRadarJwt.CLAIM_ROLES, List.of("USER"))
                .claim(StockRadarJwt.CLAIM_USERNAME, "user-" + subject);
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockWebServer startJwks() {
        String jwks = new JWKSet(KEY.toPublicJWK()).toString();
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if ("/.well-known/jwks.json".equals(request.getPath())) {
                    return new MockResponse().setHeader("Content-Type", "application/json").setBody(jwks);
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }));
        return server;
    }
}
