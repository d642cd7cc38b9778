package io.stockradar.auth.account;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts in table {@code account}, through plain SQL. */
@Repository
class AccountRepository {

    /** An account with its password hash, for this package only. */
    record StoredAccount(Account account, String passwordHash) {
    }

    private static final String COLUMNS = "id, username, email, roles, created_at, locked_at, password_hash";

    private static final RowMapper<StoredAccount> ROW = AccountRepository::map;

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a new account; the unique constraints on the keys throw
     * {@link org.springframework.dao.DuplicateKeyException} when the username or e-mail is taken.
     */
    Account insert(UUID id, String username, String email, String passwordHash) {
        return jdbc.sql("""
                        insert into account (id, username, username_key, email, email_key, password_hash)
                        values (:id, :username, :usernameKey, :email, :emailKey, :passwordHash)
                        returning %s""".formatted(COLUMNS))
                .param("id", id)
                .param("username", username)
                .param("usernameKey", Identifiers.key(username))
                .param("email", email)
                .param("emailKey", Identifiers.key(email))
                .param("passwordHash", passwordHash)
                .query(ROW)
                .single()
                .account();
    }

    Optional<StoredAccount> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from account where id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    Optional<StoredAccount> findByUsernameKey(String usernameKey) {
        return jdbc.sql("select " + COLUMNS + " from account where username_key = :key")
                .param("key", usernameKey)
                .query(ROW)
                .optional();
    }

    Optional<StoredAccount> findByEmailKey(String emailKey) {
        return jdbc.sql("select " + COLUMNS + " from account where email_key = :key")
                .param("key", emailKey)
                .query(ROW)
                .optional();
    }

    boolean existsByUsernameKey(String usernameKey) {
        return jdbc.sql("select exists (select 1 from account where username_key = :key)")
                .param("key", usernameKey)
                .query(Boolean.class)
                .single();
    }

    boolean existsByEmailKey(String emailKey) {
        return jdbc.sql("select exists (select 1 from account where email_key = :key)")
                .param("key", emailKey)
                .query(Boolean.class)
                .single();
    }

    void updatePasswordHash(UUID id, String passwordHash) {
        jdbc.sql("update account set password_hash = :hash where id = :id")
                .param("hash", passwordHash)
                .param("id", id)
                .update();
    }

    /** Deletes an account; its refresh tokens go with it (on delete cascade). Whether it existed. */
    boolean delete(UUID id) {
        return jdbc.sql("delete from account where id = :id").param("id", id).update() == 1;
    }

    /** Locks an account (keeping the first lock time) or unlocks it; whether it exists. */
    boolean setLocked(UUID id, boolean locked) {
        return jdbc.sql("update account set locked_at = case when :locked then coalesce(locked_at, now()) end where id = :id")
                .param("locked", locked)
                .param("id", id)
                .update() == 1;
    }

    boolean isLocked(UUID id) {
        return jdbc.sql("select exists (select 1 from account where id = :id and locked_at is not null)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /** Adds a role unless the account has it already; whether the account exists. */
    boolean addRole(UUID id, String role) {
        return jdbc.sql("""
                        update account set roles = case when :role = any(roles) then roles else roles || :role::text end
                        where id = :id""")
                .param("role", role)
                .param("id", id)
                .update() == 1;
    }

    /** Up to {@code limit} accounts ordered by (created_at, id), after the given position (null: from the start). */
    List<Account> page(Instant afterCreatedAt, UUID afterId, int limit) {
        if (afterCreatedAt == null) {
            return jdbc.sql("select " + COLUMNS + " from account order by created_at, id limit :limit")
                    .param("limit", limit)
                    .query(ROW).list().stream().map(StoredAccount::account).toList();
        }
        return jdbc.sql("select " + COLUMNS + " from account where (created_at, id) > (:createdAt, :id) "
                        + "order by created_at, id limit :limit")
                .param("createdAt", Timestamp.from(afterCreatedAt))
                .param("id", afterId)
                .param("limit", limit)
                .query(ROW).list().stream().map(StoredAccount::account).toList();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static StoredAccount map(ResultSet rs, int row) throws SQLException {
        Account account = new Account(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("email"),
                roles(rs.getArray("roles")),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("locked_at")));
        return new StoredAccount(account, rs.getString("password_hash"));
    }

    private static List<String> roles(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
