package io.stockradar.auth.token;

/**
 * Published when one session ends before its access tokens expire: a sign-out or a reused refresh token (the
 * refresh-token family), or a revoked API key (the key). Once the change has committed (at once when there is no
 * transaction), {@link AccessTokenRevocations} marks the session revoked in Redis, and the gateway refuses the
 * session's access tokens (claim {@code sid}) from then on.
 *
 * @param sessionId the {@code sid} claim of the session's tokens
 * @param reason    for the log
 */
public record SessionRevoked(String sessionId, String reason) {
}
