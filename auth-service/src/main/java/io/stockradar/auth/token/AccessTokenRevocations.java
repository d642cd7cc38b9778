package io.stockradar.auth.token;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.auth.account.AccountSessionsEnded;
import io.stockradar.auth.jwt.JwtProperties;
import io.stockradar.common.security.AccessTokenRevocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Makes the access tokens of an account unusable everywhere, not only here, when all its sessions end (it was
 * locked or deleted, an administrator ended its sessions, or its password changed): after the change commits, it
 * writes {@value #KEY_PREFIX}{@code <account id>} = T (epoch seconds) to Redis, kept for the longest token
 * lifetime plus the resource servers' clock skew. The gateway refuses every token of that subject issued at or
 * before T ({@code iat <= T}) with 401 {@code TOKEN_REVOKED}. Unlocking leaves the mark: tokens issued before the
 * lock stay revoked, a new sign-in gets new ones.
 *
 * <p>{@code iat} has whole seconds, so a token issued later in the same second as the mark would fall under it.
 * The call that ends the sessions therefore returns only once the clock has passed T (at most 1 s, on rare
 * administrative calls): any token obtained after the answer, e.g. signing in with the new password, is newer
 * than the mark. A token issued concurrently in that same second is refused (the safe side).
 *
 * <p>Password change is included on purpose: changing a password is what a user does when they suspect someone
 * else has it (OWASP ASVS V3.3.3: end the other sessions), and this service already ends every refresh token then;
 * an attacker's access token must not outlive that by up to 15 minutes. The user's own current token ends too
 * (a per-subject mark cannot spare it): the client signs in again with the new password, which it has at hand.
 *
 * <p>One session can end alone ({@link SessionRevoked}: sign-out, a reused refresh token, a revoked API key): then the
 * mark is {@code auth:revoked-session:<sid>} = T, same lifetime, and the gateway refuses the tokens whose {@code sid}
 * claim names that session ({@code iat <= T}), leaving the account's other sessions alone.
 *
 * <p>If Redis cannot be written (after a few quick tries) the change still stands - it is committed, and this
 * service itself keeps refusing a locked account's tokens, refresh tokens and API keys - but other services
 * accept the account's existing access tokens until they expire (at most 15 min): logged as an ERROR with the
 * account id and counted ({@code stockradar_auth_token_revocations_total{outcome="failed"}}); alert on it.
 */
@Component
class AccessTokenRevocations {

    /** Read by the gateway ({@code RevokedTokens} there). */
    static final String KEY_PREFIX = AccessTokenRevocation.KEY_PREFIX;
    /** Resource servers accept a token this long after its {@code exp} (Spring Security's default skew). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(AccessTokenRevocations.class);

    private final StringRedisTemplate redis;
    private final Duration markLifetime;
    private final Clock clock;
    private final Counter recorded;
    private final Counter failed;

    @Autowired
    AccessTokenRevocations(StringRedisTemplate redis, JwtProperties jwt, MeterRegistry meters) {
        this(redis, jwt, meters, Clock.systemUTC());
    }

    AccessTokenRevocations(StringRedisTemplate redis, JwtProperties jwt, MeterRegistry meters, Clock clock) {
        this.redis = redis;
        this.markLifetime = jwt.accessTokenTtl().plus(CLOCK_SKEW);
        this.clock = clock;
        this.recorded = counter(meters, "recorded");
        this.failed = counter(meters, "failed");
    }

    /** After the transaction that ended the sessions committed, in the same thread (the caller waits for it). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(AccountSessionsEnded event) {
        revokeIssuedUntilNow(event.accountId(), event.reason());
    }

    /**
     * One session's tokens: {@value AccessTokenRevocation#SESSION_KEY_PREFIX}{@code <sid>} = now, after the change
     * committed (or at once outside a transaction). No wait for the next second here: a revoked session gets no new
     * tokens, so none can be issued after the mark in its second.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(SessionRevoked event) {
        long mark = clock.instant().getEpochSecond();
        write(AccessTokenRevocation.sessionKey(event.sessionId()), mark, "session " + event.sessionId(), event.reason());
    }

    void revokeIssuedUntilNow(UUID accountId, AccountSessionsEnded.Reason reason) {
        long mark = clock.instant().getEpochSecond();
        if (write(AccessTokenRevocation.key(accountId.toString()), mark, "account " + accountId, reason)) {
            waitForTheNextSecond(mark);
        }
    }

    /** Sets the mark, with a few quick tries; whether it was written. */
    private boolean write(String key, long mark, String whose, Object reason) {
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                redis.opsForValue().set(key, Long.toString(mark), markLifetime);
                recorded.increment();
                log.info("Access tokens of {} issued until {} revoked ({})", whose, mark, reason);
                return true;
            } catch (RuntimeException e) {
                lastFailure = e;
                if (attempt < ATTEMPTS && !pause(FIRST_BACKOFF.multipliedBy(attempt))) {
                    break;
                }
            }
        }
        failed.increment();
        log.error("Could not record the revocation of the access tokens of {} ({}) in Redis: other services accept "
                + "them until they expire (at most {})", whose, reason, markLifetime, lastFailure);
        return false;
    }

    /** So that every token issued after this call returns has an {@code iat} later than the mark. */
    private void waitForTheNextSecond(long mark) {
        long untilNextSecond = (mark + 1) * 1000 - clock.millis();
        if (untilNextSecond > 0) {
            pause(Duration.ofMillis(untilNextSecond));
        }
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("stockradar.auth.token.revocations")
                .description("Access-token revocation marks written to Redis for the gateway, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }
}
