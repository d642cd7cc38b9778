package io.stockradar.gateway.security;

import io.stockradar.common.security.AccessTokenRevocation;
import io.stockradar.common.security.StockRadarJwt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.lettuce.core.RedisCommandTimeoutException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses access tokens that auth-service revoked before they expire: when it locks or deletes an account,
 * ends its sessions or changes its password, auth-service writes {@value #KEY_PREFIX}{@code <sub>} = the epoch
 * second T of the change (kept for the access-token lifetime plus clock skew), and every token of that subject
 * issued at or before T ({@code iat <= T}) is refused here with 401 {@code TOKEN_REVOKED}. Tokens issued later
 * (a new sign-in after an unlock) pass: unlocking never un-revokes. API-key requests are covered too: the
 * gateway exchanges the key for a token of its owner, which goes through the same check.
 * One session can end alone: a token with a {@code sid} claim (the sign-in's refresh-token family, or the API key it
 * was exchanged for) is refused the same way once {@code auth:revoked-session:<sid>} marks it (sign-out, a revoked
 * key; {@link AccessTokenRevocation#sessionKey}). Both marks are read with one {@code MGET}.
 *
 * <p>Cost: one Redis command ({@code GET}, or {@code MGET} of both marks) per request with a bearer token, sent only
 * once the token proved genuine (signature and claims, or a verdict remembered by {@code VerifiedTokenCache}), so a
 * forged token costs no Redis round trip (issue 20). Its measured cost: {@code RedisCostBenchmark}, bench/auth/README.md.
 *
 * <p><b>Redis down: fail open. Redis slow: 503.</b> While the connection to Redis is down (Lettuce then
 * rejects commands at once, {@code RedisClientConfiguration}) the request passes, with a WARN (at most one per
 * {@value #WARN_INTERVAL_SECONDS} s) and the metric
 * {@code stockradar_gateway_token_revocation_checks_total{outcome="unavailable"}}: failing closed would turn a
 * Redis outage into an outage of the whole product for every signed-in user, to guard a window that is bounded
 * anyway (a revoked token expires within 15 minutes, auth-service itself refuses locked accounts and their
 * refresh tokens, and a locked account's API key is refused at its next exchange). Alert on the metric.
 * A connected Redis that does not answer within {@code timeout} is different: that is load, not an outage, and
 * skipping the check then would let a security control give way to load. The request is refused with 503
 * problem+json ({@code outcome="timeout"}), which a client retries; the gateway sheds load rather than
 * let an unchecked token through.
 */
class RevokedTokens {

    /** Shared with auth-service, which writes the marks ({@code AccessTokenRevocations} there). */
    static final String KEY_PREFIX = AccessTokenRevocation.KEY_PREFIX;
    private static final long WARN_INTERVAL_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(RevokedTokens.class);

    private final ReactiveStringRedisTemplate redis;
    private final RevocationProperties properties;
    private final Clock clock;
    private final Counter passed;
    private final Counter revoked;
    private final Counter unavailable;
    private final Counter timedOut;
    private final AtomicLong nextWarningAt = new AtomicLong();

    RevokedTokens(ReactiveStringRedisTemplate redis, RevocationProperties properties, MeterRegistry meters, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
        this.passed = counter(meters, "passed");
        this.revoked = counter(meters, "revoked");
        this.unavailable = counter(meters, "unavailable");
        this.timedOut = counter(meters, "timeout");
    }

    /** Completes empty when the verified token may be used, fails with {@link RevokedTokenException} when it was revoked. */
    Mono<Void> check(Jwt jwt) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return check(jwt, lookup(jwt.getSubject()));
    }

    private Mono<Void> check(Jwt jwt, Mono<Optional<String>> subjectMark) {
        if (jwt.getSubject() == null) {
            return Mono.empty();
        }
        String session = jwt.getClaimAsString(StockRadarJwt.CLAIM_SESSION);
        Mono<Boolean> verdict = session == null
                ? subjectMark.map(value -> value.isPresent() && isRevoked(jwt.getIssuedAt(), value.get()))
                : marks(AccessTokenRevocation.key(jwt.getSubject()), AccessTokenRevocation.sessionKey(session))
                        .map(values -> values.stream().anyMatch(value -> value != null && isRevoked(jwt.getIssuedAt(), value)));
        return verdict
                .onErrorResume(error -> {
                    if (isTimeout(error)) {
                        timedOut.increment();
                        return Mono.error(new JwtException("The revoked-token check did not answer in time", error));
                    }
                    unavailable.increment();
                    warn(error);
                    return Mono.just(false);
                })
                .flatMap(isRevoked -> {
                    if (isRevoked) {
                        revoked.increment();
                        return Mono.error(new RevokedTokenException());
                    }
                    passed.increment();
                    return Mono.empty();
                });
    }

    /** Redis is connected but did not answer in time (our deadline, or Lettuce's command timeout). */
    static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof QueryTimeoutException
                    || t instanceof RedisCommandTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Both marks in one round trip (absent ones as null); fails when Redis does not answer in time. */
    private Mono<List<String>> marks(String subjectKey, String sessionKey) {
        return redis.opsForValue().multiGet(List.of(subjectKey, sessionKey)).timeout(properties.timeout());
    }

    /** The mark of {@code subject}, if any; fails when Redis does not answer in time. */
    private Mono<Optional<String>> lookup(String subject) {
        if (subject == null) {
            return Mono.just(Optional.empty());
        }
        return redis.opsForValue().get(AccessTokenRevocation.key(subject))
                .timeout(properties.timeout())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    /**
     * Whether a token issued at {@code issuedAt} falls under the mark {@code revokedBefore} (epoch seconds,
     * inclusive). A token without {@code iat} cannot prove it is newer, and an unreadable mark is treated as
     * "everything up to now": both count as revoked.
     */
    boolean isRevoked(Instant issuedAt, String revokedBefore) {
        long mark;
        try {
            mark = Long.parseLong(revokedBefore.strip());
        } catch (NumberFormatException e) {
            log.warn("Unreadable token revocation mark '{}'; treating it as now", revokedBefore);
            mark = clock.instant().getEpochSecond();
        }
        return issuedAt == null || issuedAt.getEpochSecond() <= mark;
    }

    private void warn(Throwable error) {
        long now = clock.millis();
        long next = nextWarningAt.get();
        if (now >= next && nextWarningAt.compareAndSet(next, now + WARN_INTERVAL_SECONDS * 1000)) {
            log.warn("Revoked-token check skipped: Redis unavailable ({}); tokens are accepted without it (fail open) "
                    + "until it is back (counted as stockradar_gateway_token_revocation_checks_total, outcome unavailable)",
                    error.toString());
        }
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("stockradar.gateway.token.revocation.checks")
                .description("Revoked-token checks of JWT-authenticated requests, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }
}
