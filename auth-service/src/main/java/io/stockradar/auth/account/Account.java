package io.stockradar.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user account as other features see it; the password hash never leaves this package.
 *
 * @param lockedAt when an administrator locked the account; null when it is not locked
 */
public record Account(UUID id, String username, String email, List<String> roles, Instant createdAt, Instant lockedAt) {

    public static final String ROLE_USER = "USER";
    public static final String ROLE_ADMIN = "ADMIN";

    public Account {
        roles = List.copyOf(roles);
    }

    public boolean locked() {
        return lockedAt != null;
    }
}
