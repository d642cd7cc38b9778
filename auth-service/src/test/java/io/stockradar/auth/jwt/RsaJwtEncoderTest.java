package io.stockradar.auth.jwt;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RsaJwtEncoderTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");

    private static SigningKeys keys;
    private static RSAKey previous;
    private static RSAKey current;

    /** "previous" signed until an hour ago, "current" signs now: both private keys are at hand. */
    @BeforeAll
    static void generateKeys() throws Exception {
        previous = SigningKeys.rsaKey(PemKeysTest.rsaKey(2048), "previous");
        current = SigningKeys.rsaKey(PemKeysTest.rsaKey(2048), "current");
        keys = new SigningKeys(List.of(new SigningKeys.Scheduled(previous, Instant.EPOCH),
                new SigningKeys.Scheduled(current, NOW.minus(1, ChronoUnit.HOURS))), Duration.ofMinutes(16),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private final RsaJwtEncoder encoder = new RsaJwtEncoder(keys, TokenSignatures.select(TokenSignatures.Mode.AUTO));

    private static JwtClaimsSet claims() {
        return JwtClaimsSet.builder()
                .issuer("https://stockradar.example")
                .audience(List.of("stockradar-api"))
                .subject("8d3c6a1e-0000-4000-8000-000000000001")
                .claim("roles", List.of("USER", "ADMIN"))
                .claim("preferred_username", "김민준")
                .issuedAt(NOW)
                .expiresAt(NOW.plus(15, ChronoUnit.MINUTES))
                .id("jti-1")
                .build();
    }

    @Test
    void signsWithTheKeyTheHeaderNamesAndCarriesEveryClaim() throws Exception {
        Jwt jwt = encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).keyId("previous").type("JWT").build(), claims()));

        SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
        assertThat(parsed.getHeader().getKeyID()).isEqualTo("previous");
        assertThat(parsed.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(parsed.verify(new RSASSAVerifier(previous.toRSAPublicKey()))).isTrue();
        assertThat(parsed.verify(new RSASSAVerifier(current.toRSAPublicKey()))).isFalse();
        var payload = parsed.getJWTClaimsSet();
        assertThat(payload.getIssuer()).isEqualTo("https://stockradar.example");
        assertThat(payload.getAudience()).containsExactly("stockradar-api");
        assertThat(payload.getSubject()).isEqualTo("8d3c6a1e-0000-4000-8000-000000000001");
        assertThat(payload.getStringListClaim("roles")).containsExactly("USER", "ADMIN");
        assertThat(payload.getStringClaim("preferred_username")).isEqualTo("김민준");
        assertThat(payload.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(payload.getExpirationTime()).isEqualTo(Date.from(NOW.plus(15, ChronoUnit.MINUTES)));
        assertThat(payload.getJWTID()).isEqualTo("jti-1");
        assertThat(parsed.getPayload().toJSONObject().get("iat")).as("NumericDate: seconds").isEqualTo(NOW.getEpochSecond());

        assertThat(jwt.getHeaders()).containsEntry("kid", "previous").containsEntry("alg", SignatureAlgorithm.RS256);
        assertThat(jwt.getIssuedAt()).isEqualTo(NOW);
        assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plus(15, ChronoUnit.MINUTES));
        assertThat(jwt.getClaims()).isEqualTo(claims().getClaims());
    }

    @Test
    void withoutAKidTheKeySigningNowSigns() throws Exception {
        Jwt jwt = encoder.encode(JwtEncoderParameters.from(claims()));

        SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
        assertThat(parsed.getHeader().getKeyID()).isEqualTo("current");
        assertThat(parsed.verify(new RSASSAVerifier(current.toRSAPublicKey()))).isTrue();
    }

    @Test
    void refusesAnUnknownKidAndAnyAlgorithmButRs256() {
        assertThatThrownBy(() -> encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).keyId("nobody").build(), claims())))
                .isInstanceOf(JwtEncodingException.class).hasMessageContaining("nobody");
        assertThatThrownBy(() -> encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims())))
                .isInstanceOf(JwtEncodingException.class).hasMessageContaining("RS256");
        assertThatThrownBy(() -> encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.ES256).build(), claims())))
                .isInstanceOf(JwtEncodingException.class).hasMessageContaining("RS256");
    }
}
