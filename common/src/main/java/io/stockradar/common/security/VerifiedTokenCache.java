package io.stockradar.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Access tokens a resource server has already verified (signature, issuer, audience, time window), by their exact
 * text, so that the token a client sends with every request is not parsed and RSA-verified again each time
 * (bench/market-data/README.md, bench/edge/README.md). Used by the servlet services through {@link #decoding} and
 * by the gateway's reactive decoder through {@link #get}/{@link #put}.
 * <p>
 * Identical text means an identical header, payload and signature, so the earlier verdict holds; what can change
 * is time and the key set, hence: an entry is never used at or after the token's {@code exp} (the verifier, with
 * its clock skew, decides again then), and lives at most {@code ttl}, which bounds how long a token signed by a
 * key since withdrawn from the JWKS is still accepted. Tokens that fail verification are never cached.
 */
public final class VerifiedTokenCache {

    /**
     * {@code stockradar.security.jwt.verified-token-cache.*}, the same in every service.
     *
     * @param size how many distinct tokens are kept (a couple of KB each; default 10,000); 0 turns the cache off
     * @param ttl  the longest a verdict is reused (default 60 s); zero turns the cache off
     */
    public record Settings(Long size, Duration ttl) {

        public Settings {
            size = size == null ? 10_000L : size;
            ttl = ttl == null ? Duration.ofSeconds(60) : ttl;
            if (size < 0 || ttl.isNegative()) {
                throw new IllegalArgumentException(
                        "stockradar.security.jwt.verified-token-cache: size and ttl must not be negative");
            }
        }

        public static Settings defaults() {
            return new Settings(null, null);
        }
    }

    private final Cache<String, Jwt> verified; // null: off
    private final Clock clock;

    public VerifiedTokenCache(Settings settings, Clock clock) {
        this.clock = clock;
        this.verified = settings.size() == 0 || settings.ttl().isZero() ? null : Caffeine.newBuilder()
                .maximumSize(settings.size())
                .expireAfterWrite(settings.ttl())
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    /** {@code verifier} with a cache of the tokens it accepted (or {@code verifier} itself when the cache is off). */
    public static JwtDecoder of(JwtDecoder verifier, int maximumSize, Duration ttl) {
        return of(verifier, maximumSize, ttl, Clock.systemUTC());
    }

    /** {@link #of(JwtDecoder, int, Duration)} on a given clock (tests). */
    public static JwtDecoder of(JwtDecoder verifier, int maximumSize, Duration ttl, Clock clock) {
        if (maximumSize < 0 || ttl.isNegative()) {
            throw new IllegalArgumentException("maximumSize and ttl must not be negative");
        }
        return new VerifiedTokenCache(new Settings((long) maximumSize, ttl), clock).decoding(verifier);
    }

    /** A servlet {@link JwtDecoder}: this cache first, then {@code verifier}, whose accepted tokens are kept. */
    public JwtDecoder decoding(JwtDecoder verifier) {
        Objects.requireNonNull(verifier, "verifier");
        if (verified == null) {
            return verifier;
        }
        return token -> {
            Jwt jwt = get(token);
            if (jwt != null) {
                return jwt;
            }
            jwt = verifier.decode(token); // throws for a token that fails: nothing is cached then
            put(token, jwt);
            return jwt;
        };
    }

    /** The verified token for this text, or null when it was not verified lately or has expired since. */
    public Jwt get(String token) {
        Jwt jwt = verified == null ? null : verified.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        if (isExpired(jwt, clock.instant())) {
            verified.invalidate(token);
            return null;
        }
        return jwt;
    }

    /** Remembers a token that has just passed verification (and only then), unless it has expired already. */
    public void put(String token, Jwt verifiedJwt) throws JwtException {
        if (verified != null && !isExpired(verifiedJwt, clock.instant())) {
            verified.put(token, verifiedJwt);
        }
    }

    private static boolean isExpired(Jwt jwt, Instant now) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null || !now.isBefore(expiresAt);
    }
}
