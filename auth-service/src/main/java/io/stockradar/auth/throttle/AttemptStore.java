package io.stockradar.auth.throttle;

/**
 * Where failure counts live. Keys are opaque ({@code account} a hash of the login name, {@code ip} the
 * client address); times are epoch milliseconds from the caller's clock.
 */
interface AttemptStore {

    /**
     * Atomically: when neither key is waiting or locked, counts one (presumed failed) attempt against both
     * and returns 0; otherwise counts nothing and returns how many milliseconds the caller must wait.
     */
    long attempt(String account, String ip, long nowMillis);

    /** The attempt just counted succeeded: forget the account's failures and uncount it for the IP. */
    void succeeded(String account, String ip, long nowMillis);
}
