package io.stockradar.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key rotation on a controlled clock: publish before signing, keep until the last token expires. */
class SigningKeyRotationTest {

    private static final Instant T1 = Instant.parse("2026-11-26T00:00:00Z");
    private static final Instant T2 = T1.plus(Duration.ofDays(30));
    private static final Duration RETENTION = Duration.ofMinutes(16);

    private Instant now = T1.plus(Duration.ofMinutes(5));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final RSAKey old = key("2026-10");
    private final RSAKey current = key("2026-11");
    private final RSAKey next = key("2026-12");
    private final SigningKeys keys = new SigningKeys(List.of(
            new SigningKeys.Scheduled(next, T2),
            new SigningKeys.Scheduled(old, T1.minus(Duration.ofDays(30))),
            new SigningKeys.Scheduled(current, T1)), RETENTION, clock);

    @Test
    void theNextKeyIsPublishedBeforeItSignsAndTheOldOneUntilItsTokensExpire() {
        assertThat(keys.currentKeyId()).isEqualTo("2026-11");
        assertThat(published()).containsExactly("2026-10", "2026-11", "2026-12");

        now = T1.plus(RETENTION).plusSeconds(1);
        assertThat(published()).as("the old key's last token has expired").containsExactly("2026-11", "2026-12");

        now = T2.minusSeconds(1);
        assertThat(keys.currentKeyId()).isEqualTo("2026-11");

        now = T2;
        assertThat(keys.currentKeyId()).as("the switch needs no restart").isEqualTo("2026-12");
        assertThat(published()).containsExactly("2026-11", "2026-12");

        now = T2.plus(RETENTION);
        assertThat(published()).containsExactly("2026-12");
    }

    @Test
    void onlyPublicPartsArePublished() {
        assertThat(keys.publicKeys().getKeys()).noneMatch(JWK::isPrivate);
    }

    @Test
    void aTokenOfTheOldKeyIsAcceptedWhileItIsPublishedAndRefusedAfterwards() {
        RsaJwtEncoder encoder = new RsaJwtEncoder(keys, TokenSignatures.jdk());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.verificationKeySource()).build();
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()); // signatures only
        String byOld = sign(encoder, "2026-10");
        String byCurrent = sign(encoder, keys.currentKeyId());

        assertThat(decoder.decode(byOld).getSubject()).isEqualTo("someone");
        assertThat(decoder.decode(byCurrent).getSubject()).isEqualTo("someone");

        now = T1.plus(RETENTION).plusSeconds(1);
        assertThatThrownBy(() -> decoder.decode(byOld)).isInstanceOf(JwtException.class);
        assertThat(decoder.decode(byCurrent).getSubject()).isEqualTo("someone");
    }

    @Test
    void aKeyScheduleWithNothingSigningNowOrDuplicateKidsIsRefused() {
        assertThatThrownBy(() -> new SigningKeys(List.of(new SigningKeys.Scheduled(next, T2)), RETENTION, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No signing key is valid now");
        assertThatThrownBy(() -> new SigningKeys(List.of(new SigningKeys.Scheduled(current, T1),
                new SigningKeys.Scheduled(current, T2)), RETENTION, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kid");
    }

    private List<String> published() {
        return keys.publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
    }

    private String sign(RsaJwtEncoder encoder, String kid) {
        Instant issued = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject("someone").issuedAt(issued)
                .expiresAt(issued.plusSeconds(600)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(kid).build(), claims))
                .getTokenValue();
    }

    private static RSAKey key(String kid) {
        try {
            return SigningKeys.rsaKey(PemKeysTest.rsaKey(2048), kid);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
