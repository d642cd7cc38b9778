package io.stockradar.auth.apikey;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API keys in table {@code api_key}, through plain SQL. */
@Repository
class ApiKeyRepository {

    /** A key with its hash, for this package only. */
    record StoredKey(ApiKey key, byte[] hash) {
    }

    private static final String COLUMNS = "id, account_id, name, scope, prefix, key_hash, created_at, last_used_at, expires_at";

    private static final RowMapper<StoredKey> ROW = ApiKeyRepository::map;

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the account row until the transaction ends, so that concurrent creations for one account are
     * counted one after the other (the per-account limit holds). {@code for no key update} does not block
     * sign-ins, which only reference the row. Whether the account exists.
     */
    boolean lockAccount(UUID accountId) {
        return jdbc.sql("select id from account where id = :id for no key update")
                .param("id", accountId)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    int countByAccount(UUID accountId) {
        return jdbc.sql("select count(*) from api_key where account_id = :account")
                .param("account", accountId)
                .query(Integer.class)
                .single();
    }

    /** Inserts a key; a taken prefix throws {@link org.springframework.dao.DuplicateKeyException}. */
    ApiKey insert(UUID id, UUID accountId, String name, ApiKeyScope scope, String prefix, byte[] hash, Instant expiresAt) {
        return jdbc.sql("""
                        insert into api_key (id, account_id, name, scope, prefix, key_hash, expires_at)
                        values (:id, :account, :name, :scope, :prefix, :hash, :expires)
                        returning %s""".formatted(COLUMNS))
                .param("id", id)
                .param("account", accountId)
                .param("name", name)
                .param("scope", scope.value())
                .param("prefix", prefix)
                .param("hash", hash)
                .param("expires", Timestamp.from(expiresAt))
                .query(ROW)
                .single()
                .key();
    }

    List<ApiKey> findByAccount(UUID accountId) {
        return jdbc.sql("select " + COLUMNS + " from api_key where account_id = :account order by created_at, id")
                .param("account", accountId)
                .query(ROW)
                .list().stream().map(StoredKey::key).toList();
    }

    Optional<StoredKey> findByPrefix(String prefix) {
        return jdbc.sql("select " + COLUMNS + " from api_key where prefix = :prefix")
                .param("prefix", prefix)
                .query(ROW)
                .optional();
    }

    /** Deletes one of the account's keys; false when it has no such key (another account's key included). */
    boolean delete(UUID id, UUID accountId) {
        return jdbc.sql("delete from api_key where id = :id and account_id = :account")
                .param("id", id)
                .param("account", accountId)
                .update() == 1;
    }

    /** Deletes every key of the account; returns their ids. */
    List<UUID> deleteAll(UUID accountId) {
        return jdbc.sql("delete from api_key where account_id = :account returning id")
                .param("account", accountId)
                .query(UUID.class)
                .list();
    }

    /**
     * Sets {@code last_used_at} to now unless it was set less than {@code resolution} ago (so concurrent
     * exchanges of a busy key write once, not once each).
     */
    void touch(UUID id, Duration resolution) {
        jdbc.sql("""
                        update api_key set last_used_at = now()
                        where id = :id and (last_used_at is null or last_used_at < now() - make_interval(secs => :seconds))""")
                .param("id", id)
                .param("seconds", (double) resolution.toSeconds())
                .update();
    }

    private static StoredKey map(ResultSet rs, int row) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        ApiKey key = new ApiKey(
                rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getString("name"),
                ApiKeyScope.of(rs.getString("scope")).orElseThrow(),
                rs.getString("prefix"),
                rs.getTimestamp("created_at").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant(),
                rs.getTimestamp("expires_at").toInstant());
        return new StoredKey(key, rs.getBytes("key_hash"));
    }
}
