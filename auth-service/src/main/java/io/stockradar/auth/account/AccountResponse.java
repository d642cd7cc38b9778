package io.stockradar.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as the API shows it. */
record AccountResponse(UUID id, String username, String email, List<String> roles, Instant createdAt) {

    static AccountResponse of(Account account) {
        return new AccountResponse(account.id(), account.username(), account.email(), account.roles(),
                account.createdAt());
    }
}
