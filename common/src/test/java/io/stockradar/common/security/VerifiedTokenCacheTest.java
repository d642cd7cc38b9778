package io.stockradar.common.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    /** The verifier's verdicts by token text: a token's expiry, or absent = refused. */
    private final Map<String, Instant> valid = new HashMap<>();
    private final List<String> verified = new ArrayList<>();
    private final JwtDecoder verifier = token -> {
        verified.add(token);
        Instant expiresAt = valid.get(token);
        if (expiresAt == null || !clock.instant().isBefore(expiresAt)) {
            throw new BadJwtException("refused: " + token);
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("user-" + token)
                .issuedAt(clock.instant().minusSeconds(1)).expiresAt(expiresAt).build();
    };
    private final JwtDecoder decoder = VerifiedTokenCache.of(verifier, 100, TTL, clock);

    @Test
    void secondDecodeOfTheSameTokenDoesNotVerifyAgain() {
        valid.put("a", clock.instant().plusSeconds(300));

        Jwt first = decoder.decode("a");
        clock.advance(Duration.ofSeconds(10));
        Jwt second = decoder.decode("a");

        assertThat(second).isSameAs(first);
        assertThat(verified).containsExactly("a");
    }

    @Test
    void eachTokenTextIsVerifiedOnItsOwn() {
        valid.put("a", clock.instant().plusSeconds(300));
        valid.put("b", clock.instant().plusSeconds(300));

        assertThat(decoder.decode("a").getSubject()).isEqualTo("user-a");
        assertThat(decoder.decode("b").getSubject()).isEqualTo("user-b");
        assertThat(decoder.decode("a").getSubject()).isEqualTo("user-a");

        assertThat(verified).containsExactly("a", "b");
    }

    @Test
    void refusedTokenIsNeverCachedAndIsRefusedEveryTime() {
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verified).containsExactly("forged", "forged");
    }

    @Test
    void cachedTokenIsNotUsedAtItsExpiry() {
        valid.put("a", clock.instant().plusSeconds(30));
        decoder.decode("a");

        clock.advance(Duration.ofSeconds(30)); // now == exp: the verifier decides, and refuses
        assertThatThrownBy(() -> decoder.decode("a")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("a", "a");
    }

    @Test
    void tokenIsVerifiedAgainOnceTheTtlHasPassed() {
        valid.put("a", clock.instant().plusSeconds(3_600));
        decoder.decode("a");

        clock.advance(TTL.minusSeconds(1));
        decoder.decode("a");
        assertThat(verified).hasSize(1);

        valid.remove("a"); // e.g. its key was withdrawn from the JWKS
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> decoder.decode("a")).isInstanceOf(BadJwtException.class);
        assertThat(verified).hasSize(2);
    }

    @Test
    void zeroSizeOrTtlMeansNoCache() {
        assertThat(VerifiedTokenCache.of(verifier, 0, TTL)).isSameAs(verifier);
        assertThat(VerifiedTokenCache.of(verifier, 100, Duration.ZERO)).isSameAs(verifier);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

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
    }
}
