package io.stockradar.common.security;

/**
 * The contract for access tokens revoked before they expire, between auth-service, which writes the mark, and the
 * resource servers that read it (the gateway). When an account is locked or deleted, its sessions are ended or its
 * password changes, auth-service sets the Redis key {@link #key(String) auth:revoked-before:&lt;subject&gt;} to the epoch
 * second T, kept for the longest access-token lifetime plus clock skew; a token of that subject with {@code iat <= T}
 * is answered 401 with the problem code {@link #PROBLEM_CODE}.
 * <p>
 * One session can end alone (sign-out, a revoked API key): auth-service then sets
 * {@link #sessionKey(String) auth:revoked-session:&lt;sid&gt;} to T the same way, and a token whose
 * {@link StockRadarJwt#CLAIM_SESSION sid} claim names that session, with {@code iat <= T}, is refused alike.
 */
public final class AccessTokenRevocation {

    /** The Redis key prefix of a subject's revocation mark. */
    public static final String KEY_PREFIX = "auth:revoked-before:";

    /** The Redis key prefix of one session's revocation mark. */
    public static final String SESSION_KEY_PREFIX = "auth:revoked-session:";

    /** The problem code ({@code code} of the problem+json) of a refused revoked token. */
    public static final String PROBLEM_CODE = "TOKEN_REVOKED";

    /** The Redis key of {@code subject}'s revocation mark. */
    public static String key(String subject) {
        return KEY_PREFIX + subject;
    }

    /** The Redis key of session {@code sid}'s revocation mark. */
    public static String sessionKey(String sid) {
        return SESSION_KEY_PREFIX + sid;
    }

    private AccessTokenRevocation() {
    }
}
