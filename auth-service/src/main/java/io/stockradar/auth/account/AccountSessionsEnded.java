package io.stockradar.auth.account;

import java.util.UUID;

/**
 * Published (synchronously, inside the transaction that caused it) when every session of an account must
 * end: its password changed, it was locked or deleted, or an administrator ended its sessions. The token
 * feature revokes the account's refresh tokens in the same transaction and, once it has committed, its
 * access tokens at the gateway.
 */
public record AccountSessionsEnded(UUID accountId, Reason reason) {

    public enum Reason {
        PASSWORD_CHANGED, LOCKED, DELETED, ENDED_BY_ADMIN
    }
}
