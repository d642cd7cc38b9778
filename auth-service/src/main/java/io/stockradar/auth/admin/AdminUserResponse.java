package io.stockradar.auth.admin;

import io.stockradar.auth.account.Account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as administrators see it. */
record AdminUserResponse(UUID id, String username, String email, List<String> roles, Instant createdAt,
        boolean locked, Instant lockedAt) {

    static AdminUserResponse of(Account account) {
        return new AdminUserResponse(account.id(), account.username(), account.email(), account.roles(),
                account.createdAt(), account.locked(), account.lockedAt());
    }
}
