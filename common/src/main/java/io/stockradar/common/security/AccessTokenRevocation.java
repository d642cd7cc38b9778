package io.stockradar.common.security;

/**
 * The contract for access tokens revoked before they expire, between auth-service, which writes the mark, and the
 * resource servers that read it (the gateway). When an account is locked or deleted, its sessions are ended or its
 * password changes, auth-service sets the Redis key {@link #key(String) auth:revoked-before:&lt;subject&gt;} to the epoch
 * second T, kept for the longest access-token lifetime plus clock skew; a token of that subject with {@code iat <= T}
 * is answered 401 with the problem code {@link #PROBLEM_CODE}.
 */
public final class AccessTokenRevocation {

    /** The Redis key prefix of a subject's revocation mark. */
    public static final String KEY_PREFIX = "auth:revoked-before:";

    /** The problem code ({@code code} of the problem+json) of a refused revoked token. */
    public static final String PROBLEM_CODE = "TOKEN_REVOKED";

    /** The Redis key of {@code subject}'s revocation mark. */
    public static String key(String subject) {
        return KEY_PREFIX + subject;
    }

    private AccessTokenRevocation() {
    }
}
