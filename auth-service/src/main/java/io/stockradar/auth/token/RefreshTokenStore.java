package io.stockradar.auth.token;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens in table {@code refresh_token}, keyed by their SHA-256. */
@Repository
class RefreshTokenStore {

    /** The state of a stored token. */
    record StoredToken(UUID familyId, UUID accountId, Instant expiresAt, Instant usedAt, Instant revokedAt) {
    }

    /** A token just claimed for rotation, with the start of its family (its session). */
    record Claimed(UUID familyId, UUID accountId, Instant familyStartedAt) {
    }

    private final JdbcClient jdbc;

    RefreshTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(byte[] tokenHash, UUID familyId, UUID accountId, Instant expiresAt, Instant familyStartedAt) {
        jdbc.sql("""
                        insert into refresh_token (token_hash, family_id, account_id, expires_at, family_started_at)
                        values (:hash, :family, :account, :expires, :started)""")
                .param("hash", tokenHash)
                .param("family", familyId)
                .param("account", accountId)
                .param("expires", Timestamp.from(expiresAt))
                .param("started", Timestamp.from(familyStartedAt))
                .update();
    }

    /**
     * Marks a live token used, atomically: of two concurrent claims of one token exactly one gets it.
     * Empty when the token is unknown, already used, revoked or expired, or its family started
     * {@code absoluteTtl} ago or earlier (the session is over however recently it was refreshed).
     */
    Optional<Claimed> claim(byte[] tokenHash, Duration absoluteTtl) {
        return jdbc.sql("""
                        update refresh_token set used_at = now()
                        where token_hash = :hash and used_at is null and revoked_at is null and expires_at > now()
                          and family_started_at > now() - make_interval(secs => :absolute)
                        returning family_id, account_id, family_started_at""")
                .param("hash", tokenHash)
                .param("absolute", (double) absoluteTtl.toSeconds())
                .query((rs, row) -> new Claimed(rs.getObject("family_id", UUID.class), rs.getObject("account_id", UUID.class),
                        rs.getTimestamp("family_started_at").toInstant()))
                .optional();
    }

    Optional<StoredToken> find(byte[] tokenHash) {
        return jdbc.sql("""
                        select family_id, account_id, expires_at, used_at, revoked_at
                        from refresh_token where token_hash = :hash""")
                .param("hash", tokenHash)
                .query((rs, row) -> new StoredToken(
                        rs.getObject("family_id", UUID.class),
                        rs.getObject("account_id", UUID.class),
                        instant(rs.getTimestamp("expires_at")),
                        instant(rs.getTimestamp("used_at")),
                        instant(rs.getTimestamp("revoked_at"))))
                .optional();
    }

    /** Revokes every token of a family that is not revoked yet; returns how many. */
    int revokeFamily(UUID familyId) {
        return jdbc.sql("update refresh_token set revoked_at = now() where family_id = :family and revoked_at is null")
                .param("family", familyId)
                .update();
    }

    /** Revokes every live token of an account; returns how many. */
    int revokeAccount(UUID accountId) {
        return jdbc.sql("update refresh_token set revoked_at = now() where account_id = :account and revoked_at is null")
                .param("account", accountId)
                .update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
