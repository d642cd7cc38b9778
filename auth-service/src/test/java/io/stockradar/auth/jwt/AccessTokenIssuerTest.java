package io.stockradar.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenIssuerTest {

    private static final String ISSUER = "https://stockradar.example";
    private static SigningKeys keys;
    private static SigningKeys otherKeys;

    private final JwtProperties properties = new JwtProperties(ISSUER, null, null, Duration.ofMinutes(15));

    @BeforeAll
    static void generateKeys() throws Exception {
        keys = SigningKeys.of(PemKeysTest.rsaKey(2048), "test-key");
        otherKeys = SigningKeys.of(PemKeysTest.rsaKey(2048), "test-key"); // same kid, different key
    }

    private AccessTokenIssuer issuer(Clock clock) {
        return new AccessTokenIssuer(new RsaJwtEncoder(keys, TokenSignatures.select(TokenSignatures.Mode.AUTO)), keys,
                properties, clock);
    }

    private JwtDecoder decoder() {
        return new JwtConfiguration().jwtDecoder(keys, properties);
    }

    @Test
    void issuesAnRs256TokenWithTheAgreedClaims() throws Exception {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        AccessTokenIssuer.AccessToken token = issuer(Clock.fixed(now, ZoneOffset.UTC)).issue(id, "alice", List.of("USER"));

        SignedJWT parsed = SignedJWT.parse(token.value());
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(parsed.getHeader().getKeyID()).isEqualTo("test-key");

        Jwt jwt = decoder().decode(token.value());
        assertThat(jwt.getIssuer().toString()).isEqualTo(ISSUER);
        assertThat(jwt.getAudience()).containsExactly("stockradar-api");
        assertThat(jwt.getSubject()).isEqualTo(id.toString());
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("alice");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
        assertThat(jwt.getId()).isNotBlank();
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
        assertThat(token.lifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(jwt.getExpiresAt()).isEqualTo(token.expiresAt());
    }

    @Test
    void everyTokenHasItsOwnId() {
        AccessTokenIssuer issuer = issuer(Clock.systemUTC());
        UUID id = UUID.randomUUID();
        String first = decoder().decode(issuer.issue(id, "bob", List.of("USER")).value()).getId();
        String second = decoder().decode(issuer.issue(id, "bob", List.of("USER")).value()).getId();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void rejectsAnExpiredToken() {
        Clock longAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = issuer(longAgo).issue(UUID.randomUUID(), "carol", List.of("USER")).value();

        assertThatThrownBy(() -> decoder().decode(expired)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
    }

    @Test
    void rejectsATamperedToken() {
        String token = issuer(Clock.systemUTC()).issue(UUID.randomUUID(), "dave", List.of("USER")).value();
        String[] parts = token.split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"USER\"", "\"ADMIN\"").getBytes());

        assertThatThrownBy(() -> decoder().decode(parts[0] + "." + forgedClaims + "." + parts[2]))
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void rejectsATokenSignedByAnotherKeyWithTheSameKid() throws Exception {
        assertThatThrownBy(() -> decoder().decode(sign(otherKeys, claims(ISSUER, "stockradar-api").build())))
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void rejectsWrongAudienceAndWrongIssuer() throws Exception {
        assertThatThrownBy(() -> decoder().decode(sign(keys, claims(ISSUER, "another-api").build())))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder().decode(sign(keys, claims("https://evil.example", "stockradar-api").build())))
                .isInstanceOf(JwtException.class);
        assertThat(decoder().decode(sign(keys, claims(ISSUER, "stockradar-api").build())).getSubject()).isNotBlank();
    }

    @Test
    void rejectsAnUnsignedToken() {
        String none = new PlainJWT(new PlainHeader(), claims(ISSUER, "stockradar-api").build()).serialize();

        assertThatThrownBy(() -> decoder().decode(none)).isInstanceOf(BadJwtException.class);
    }

    static JWTClaimsSet.Builder claims(String issuer, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(UUID.randomUUID().toString())
                .claim("roles", List.of("USER"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString());
    }

    static String sign(SigningKeys with, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.currentKeyId()).build(), claims);
        jwt.sign(new RSASSASigner(with.signingKey()));
        return jwt.serialize();
    }
}
