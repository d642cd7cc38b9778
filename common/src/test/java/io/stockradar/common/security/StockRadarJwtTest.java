package io.stockradar.common.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StockRadarJwtTest {

    private static final String ISSUER = "http://localhost:8080";
    private static RSAKey key;
    private static HttpServer jwks;
    private static JwtDecoder decoder;

    @BeforeAll
    static void serveJwks() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        decoder = StockRadarJwt.decoder("http://localhost:" + jwks.getAddress().getPort() + "/jwks", ISSUER,
                StockRadarJwt.AUDIENCE, Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    @Test
    void acceptsATokenForTheApiAndMapsRolesAndScopes() throws Exception {
        Jwt jwt = decoder.decode(token(ISSUER, StockRadarJwt.AUDIENCE, Instant.now().plusSeconds(300)));
        assertThat(jwt.getSubject()).isEqualTo("user-1");
        assertThat(StockRadarJwt.authorities(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_USER", "SCOPE_read");
    }

    @Test
    void rejectsAnotherAudienceAnotherIssuerAndExpiredTokens() throws Exception {
        assertThatThrownBy(() -> decoder.decode(token(ISSUER, StockRadarJwt.INTERNAL_AUDIENCE, Instant.now().plusSeconds(300))))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("aud");
        assertThatThrownBy(() -> decoder.decode(token("http://evil", StockRadarJwt.AUDIENCE, Instant.now().plusSeconds(300))))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("iss");
        assertThatThrownBy(() -> decoder.decode(token(ISSUER, StockRadarJwt.AUDIENCE, Instant.now().minusSeconds(300))))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("expired");
    }

    private static String token(String issuer, String audience, Instant expiry) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().subject("user-1").issuer(issuer).audience(audience)
                        .issueTime(Date.from(expiry.minusSeconds(900))).expirationTime(Date.from(expiry))
                        .claim(StockRadarJwt.CLAIM_ROLES, List.of("USER")).claim(StockRadarJwt.CLAIM_SCOPE, "read")
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
