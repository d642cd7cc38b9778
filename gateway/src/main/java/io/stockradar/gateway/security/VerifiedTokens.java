package io.stockradar.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Instant;

/**
 * Access tokens the gateway has already verified (signature, issuer, audience, time window), by their exact
 * text. A client sends the same token with every request for its lifetime, and verifying it again - parsing,
 * an RSA signature check, claim conversion - was about a fifth of the gateway's CPU per proxied request
 * (bench/edge/README.md). Identical text means an identical header, payload and signature, so the earlier
 * verdict holds; what can change is time and the key set, hence: an entry is never used at or after the
 * token's {@code exp}, and lives at most {@code ttl}, which bounds how long a token signed by a key that was
 * since withdrawn from the JWKS is still accepted. Tokens that fail verification are never cached, and the
 * revocation check ({@link RevokedTokens}) still runs for every request.
 */
class VerifiedTokens {

    private final Cache<String, Jwt> cache; // null: off
    private final Clock clock;

    VerifiedTokens(JwtProperties.VerifiedTokenCache settings, Clock clock) {
        this.clock = clock;
        this.cache = settings.size() == 0 || settings.ttl().isZero() ? null : Caffeine.newBuilder()
                .maximumSize(settings.size())
                .expireAfterWrite(settings.ttl())
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    /** The verified token for this text, or null when it was not verified lately or has expired since. */
    Jwt get(String token) {
        Jwt jwt = cache == null ? null : cache.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        if (isExpired(jwt, clock.instant())) {
            cache.invalidate(token);
            return null;
        }
        return jwt;
    }

    /** Remembers a token that has just passed verification (and only then), unless it is about to expire. */
    void put(String token, Jwt verified) {
        if (cache != null && !isExpired(verified, clock.instant())) {
            cache.put(token, verified);
        }
    }

    private static boolean isExpired(Jwt jwt, Instant now) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null || !now.isBefore(expiresAt);
    }
}
