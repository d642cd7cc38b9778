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
 * A servlet resource server's {@link JwtDecoder} that remembers the tokens its {@code verifier} (signature,
 * issuer, audience, time window: {@link StockRadarJwt#decoder}) has accepted, by their exact text, so that the
 * same token is not parsed and RSA-verified again on every request. A client sends one token with every request
 * for its lifetime; verifying it was the largest single cost of a cached read in market-data-service
 * (bench/market-data/README.md, "read cost").
 * <p>
 * Identical text means an identical header, payload and signature, so the earlier verdict holds; what can change
 * is time and the key set, hence: an entry is never used at or after the token's {@code exp} (the verifier, with
 * its clock skew, decides again then), and lives at most {@code ttl}, which bounds how long a token signed by a
 * key since withdrawn from the JWKS is still accepted. Tokens that fail verification are never cached: each is
 * verified (and refused) again. The cache holds at most {@code maximumSize} tokens (least recently used first
 * out). The gateway does the same for its reactive decoder ({@code VerifiedTokens}).
 */
public final class VerifiedTokenCache implements JwtDecoder {

    /** Long enough that a busy client's token is verified about once a minute, short enough for key withdrawal. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    /** Distinct live tokens kept; a few MB at most (a Jwt with its claims is a couple of KB). */
    public static final int DEFAULT_MAXIMUM_SIZE = 10_000;

    private final JwtDecoder verifier;
    private final Cache<String, Jwt> verified;
    private final Clock clock;

    private VerifiedTokenCache(JwtDecoder verifier, int maximumSize, Duration ttl, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(ttl)
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    /**
     * {@code verifier} with a cache of the tokens it accepted, or {@code verifier} itself when the cache is off
     * ({@code maximumSize} 0 or {@code ttl} zero).
     */
    public static JwtDecoder of(JwtDecoder verifier, int maximumSize, Duration ttl) {
        return of(verifier, maximumSize, ttl, Clock.systemUTC());
    }

    /** {@link #of(JwtDecoder, int, Duration)} on a given clock (tests). */
    public static JwtDecoder of(JwtDecoder verifier, int maximumSize, Duration ttl, Clock clock) {
        Objects.requireNonNull(verifier, "verifier");
        if (maximumSize < 0 || ttl.isNegative()) {
            throw new IllegalArgumentException("maximumSize and ttl must not be negative");
        }
        return maximumSize == 0 || ttl.isZero() ? verifier : new VerifiedTokenCache(verifier, maximumSize, ttl, clock);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        Instant now = clock.instant();
        if (jwt != null) {
            if (!isExpired(jwt, now)) {
                return jwt;
            }
            verified.invalidate(token);
        }
        jwt = verifier.decode(token); // throws for a token that fails: nothing is cached then
        if (!isExpired(jwt, now)) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private static boolean isExpired(Jwt jwt, Instant now) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null || !now.isBefore(expiresAt);
    }
}
