package io.stockradar.auth.token;

import io.stockradar.auth.account.AccountSessionsEnded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh token families with rotation and reuse detection (OAuth 2.0 Security BCP, RFC 9700 4.14.2):
 * each exchange marks the presented token used and issues its successor in the same family; presenting
 * a used token again means it was stolen (or the client misbehaves), so the whole family is revoked and
 * the legitimate holder of the newest token has to sign in again. A family lasts at most {@code absolute-ttl} from
 * its sign-in, however often it is rotated.
 */
@Service
class RefreshTokenService {

    /** A new refresh token (the only time its plain value exists) for an account. */
    record Issued(String token, UUID familyId, UUID accountId) {
    }

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenService.class);

    private final RefreshTokenStore store;
    private final RefreshTokenProperties properties;
    private final Counter reuseDetected;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    RefreshTokenService(RefreshTokenStore store, RefreshTokenProperties properties, ApplicationEventPublisher events,
            MeterRegistry meters) {
        this.store = store;
        this.properties = properties;
        this.events = events;
        this.reuseDetected = Counter.builder("stockradar.auth.refresh.reuse")
                .description("Rotated refresh tokens presented again; each revoked its token family")
                .register(meters);
    }

    /**
     * Starts a new family (a new session) for an account that just signed in. One insert, atomic on its own: no
     * transaction around it (that cost every sign-in a COMMIT round trip and the transaction manager's work).
     */
    Issued startFamily(UUID accountId) {
        return issue(UUID.randomUUID(), accountId, clock.instant());
    }

    /**
     * Exchanges a live token for its successor. Empty when the token is unknown, expired, revoked or
     * already used; in the last case the family is revoked, and that revocation is committed.
     */
    @Transactional
    Optional<Issued> rotate(String presented) {
        if (!RefreshTokens.isWellFormed(presented)) {
            return Optional.empty();
        }
        byte[] hash = RefreshTokens.hash(presented);
        Optional<RefreshTokenStore.Claimed> claimed = store.claim(hash, properties.absoluteTtl());
        if (claimed.isPresent()) {
            return Optional.of(issue(claimed.get().familyId(), claimed.get().accountId(), claimed.get().familyStartedAt()));
        }
        store.find(hash).ifPresent(token -> {
            if (token.usedAt() != null && token.revokedAt() == null) {
                int revoked = store.revokeFamily(token.familyId());
                events.publishEvent(new SessionRevoked(token.familyId().toString(), "refresh token reused"));
                reuseDetected.increment();
                log.warn("Refresh token reuse detected for account {}: revoked token family {} ({} token(s))",
                        token.accountId(), token.familyId(), revoked);
            }
        });
        return Optional.empty();
    }

    /**
     * Ends the session a token belongs to: its refresh tokens, and (once committed) its access tokens at the
     * gateway ({@link SessionRevoked}). Unknown tokens are ignored: logout is idempotent.
     */
    @Transactional
    void revoke(String presented) {
        if (!RefreshTokens.isWellFormed(presented)) {
            return;
        }
        store.find(RefreshTokens.hash(presented)).ifPresent(token -> {
            store.revokeFamily(token.familyId());
            events.publishEvent(new SessionRevoked(token.familyId().toString(), "signed out"));
        });
    }

    /**
     * Ends every session of an account, in the transaction of the change that requires it (password
     * change, lock, administrator's request).
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(AccountSessionsEnded event) {
        int revoked = store.revokeAccount(event.accountId());
        log.info("Revoked {} refresh token(s) of account {} ({})", revoked, event.accountId(), event.reason());
    }

    /** A token of the family, valid for {@code ttl} but never past the family's absolute end. */
    private Issued issue(UUID familyId, UUID accountId, Instant familyStartedAt) {
        String token = RefreshTokens.generate();
        Instant sliding = clock.instant().plus(properties.ttl());
        Instant absolute = familyStartedAt.plus(properties.absoluteTtl());
        store.insert(RefreshTokens.hash(token), familyId, accountId, sliding.isBefore(absolute) ? sliding : absolute,
                familyStartedAt);
        return new Issued(token, familyId, accountId);
    }
}
