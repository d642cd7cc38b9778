package io.stockradar.gateway.security;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stockradar.common.security.VerifiedTokenCache;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdgeJwtDecoderTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private final AtomicInteger verifications = new AtomicInteger();
    private final List<String> revocationChecks = new ArrayList<>();
    private Instant expiresAt = clock.instant().plus(Duration.ofMinutes(15));

    /** Verifies "good-*" tokens (subject = the token's text) and refuses everything else, counting each call. */
    private final ReactiveJwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                .issuedAt(clock.instant().minusSeconds(1)).expiresAt(expiresAt).build());
    };

    private final RevokedTokens revokedTokens = new RevokedTokens(null, new RevocationProperties(true, Duration.ofMillis(100)),
            new SimpleMeterRegistry(), clock) {
        @Override
        Mono<Void> check(Jwt jwt) {
            revocationChecks.add(jwt.getSubject());
            return jwt.getSubject().endsWith("-revoked") ? Mono.error(new RevokedTokenException()) : Mono.empty();
        }
    };

    private EdgeJwtDecoder decoder(long size, Duration ttl) {
        return new EdgeJwtDecoder(verifier, new VerifiedTokenCache(new VerifiedTokenCache.Settings(size, ttl), clock),
                revokedTokens);
    }

    @Test
    void aTokenIsVerifiedOnceAndCheckedForRevocationOnEveryRequest() {
        EdgeJwtDecoder decoder = decoder(100, Duration.ofSeconds(60));

        for (int request = 0; request < 5; request++) {
            assertThat(decoder.decode("good-1").block().getSubject()).isEqualTo("good-1");
        }

        assertThat(verifications).hasValue(1);
        assertThat(revocationChecks).hasSize(5);
    }

    @Test
    void aRevokedTokenIsRefusedEvenWhenItsVerificationIsRemembered() {
        EdgeJwtDecoder decoder = decoder(100, Duration.ofSeconds(60));

        assertThatThrownBy(() -> decoder.decode("good-1-revoked").block()).isInstanceOf(RevokedTokenException.class);
        assertThatThrownBy(() -> decoder.decode("good-1-revoked").block()).isInstanceOf(RevokedTokenException.class);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aForgedTokenCostsNoRevocationLookup() {
        EdgeJwtDecoder decoder = decoder(100, Duration.ofSeconds(60));

        assertThatThrownBy(() -> decoder.decode("forged-claiming-good-1").block()).isInstanceOf(BadJwtException.class);

        assertThat(revocationChecks).as("Redis is asked only about tokens that proved genuine").isEmpty();
    }

    @Test
    void aTokenThatFailsVerificationIsNeverRemembered() {
        EdgeJwtDecoder decoder = decoder(100, Duration.ofSeconds(60));

        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedVerdictEndsWithTheTokensExpiryAndAfterTheTtl() {
        expiresAt = clock.instant().plusSeconds(30);
        EdgeJwtDecoder decoder = decoder(100, Duration.ofSeconds(60));
        decoder.decode("good-short").block();

        clock.advance(Duration.ofSeconds(30));
        decoder.decode("good-short").block();
        assertThat(verifications).as("at exp the token is verified again (the verifier then decides)").hasValue(2);

        expiresAt = clock.instant().plus(Duration.ofMinutes(15));
        decoder.decode("good-long").block();
        clock.advance(Duration.ofSeconds(59));
        decoder.decode("good-long").block();
        assertThat(verifications).hasValue(3);
        clock.advance(Duration.ofSeconds(2));
        decoder.decode("good-long").block();
        assertThat(verifications).as("past the ttl").hasValue(4);
    }

    @Test
    void sizeZeroVerifiesEveryRequest() {
        EdgeJwtDecoder decoder = decoder(0, Duration.ofSeconds(60));

        decoder.decode("good-1").block();
        decoder.decode("good-1").block();

        assertThat(verifications).hasValue(2);
    }

    @Test
    void negativeSettingsAreRefused() {
        assertThatThrownBy(() -> new VerifiedTokenCache.Settings(-1L, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verified-token-cache");
    }

    static final class MutableClock extends Clock {

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
